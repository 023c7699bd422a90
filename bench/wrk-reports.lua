-- A cross-check of bench/aggregator.ts with wrk (written in C, so the load generator takes little of the 2 cores).
-- Every request is a fresh clientId from a random /24 named by X-Forwarded-For (start the aggregator with
-- --trust-proxy 127.0.0.1/32). Prints a JSON summary on the last line. See aggregator/README.md → Scale.
-- KEYED=1 adds a fresh idempotencyKey to each report, as desktop clients send them (bench/intake-memory.ts).
math.randomseed(os.time() + tonumber(os.getenv('SEED') or '0'))
local keyed = os.getenv('KEYED') == '1'
local random, format, floor = math.random, string.format, math.floor

local function uuid()
  return format('%08x-%04x-4%03x-%04x-%06x%06x', random(0, 0x7fffffff), random(0, 0xffff), random(0, 0xfff),
    0x8000 + random(0, 0x3fff), random(0, 0xffffff), random(0, 0xffffff))
end

local headers = { ['Content-Type'] = 'application/json' }
request = function()
  local r = random(0, 0xdfffff)
  headers['X-Forwarded-For'] = format('%d.%d.%d.%d', 1 + floor(r / 65536), floor(r / 256) % 256, r % 256, random(1, 254))
  local service = random() < 0.7 and 'imessage' or 'facetime'
  local key = keyed and ('","idempotencyKey":"' .. uuid()) or ''
  local body = '{"service":"' .. service .. '","kind":"problem","problem":"not-delivered","clientId":"' .. uuid() .. key .. '"}'
  return wrk.format('POST', '/v1/reports', headers, body)
end

done = function(summary, latency, requests)
  io.write(format('{"requests":%d,"durationUs":%d,"non2xx":%d,"errors":%d,"p99Us":%d,"p50Us":%d,"meanUs":%.0f}\n',
    summary.requests, summary.duration, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(99), latency:percentile(50), latency.mean))
end
