// Types for the network part of systeminformation, imported on its own to keep the rest of the package unloaded.
declare module 'systeminformation/lib/network.js' {
  import type si from 'systeminformation';
  export const networkInterfaces: typeof si.networkInterfaces;
  export const networkGatewayDefault: typeof si.networkGatewayDefault;
}
