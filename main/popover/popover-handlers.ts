// The operations the engine answers, wired from the popover API spec: each calls the engine method the spec names.
// Both shells (Electron IPC, browser-mode HTTP) add their own answers for the rest.
import {
  OPERATION_NAMES,
  POPOVER_OPERATIONS,
  type EngineOperationName,
  type EngineOperations,
  type OperationName,
  type PopoverHandlers,
} from '../../contracts/popover-api.ts';

export type EngineHandlers = Pick<PopoverHandlers, EngineOperationName>;

const isEngineOperation = (op: OperationName): op is EngineOperationName => 'engine' in POPOVER_OPERATIONS[op];

/** One handler per engine-answered operation; the engine is read at call time. */
export function engineHandlers(engine: EngineOperations): EngineHandlers {
  const entries = OPERATION_NAMES.filter(isEngineOperation).map((op) => {
    const method = POPOVER_OPERATIONS[op].engine as keyof EngineOperations;
    return [op, (...args: unknown[]) => (engine[method] as (...a: unknown[]) => unknown)(...args)] as const;
  });
  return Object.fromEntries(entries) as unknown as EngineHandlers;
}
