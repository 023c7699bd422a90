-- Keyed reports (a fresh clientId and idempotencyKey each, as desktop clients send them), each from a random /24 named
-- by X-Forwarded-For. bench/intake-memory.ts runs it in short rounds and counts the answers.
math.randomseed(os.time() + tonumber(os.getenv('SEED') or '0'))
local random, format, floor = math.random, string.format, math.floor

local function uuid()
  return format('%08x-%04x-4%03x-%04x-%06x%06x', random(0, 0x7fffffff), random(0, 0xffff), random(0, 0xfff),
    0x8000 + random(0, 0x3fff), random(0, 0xffffff), random(0, 0xffffff))
end

local headers = { ['Content-Type'] = 'application/json' }
request = function()
  local r = random(0, 0xdfffff)
  headers['X-Forwarded-For'] = format('%d.%d.%d.%d', 1 + floor(r / 65536), floor(r / 256) % 256, r % 256, random(1, 254))
  local body = '{"service":"imessage","kind":"problem","problem":"not-delivered","clientId":"' .. uuid() ..
    '","idempotencyKey":"' .. uuid() .. '"}'
  return wrk.format('POST', '/v1/reports', headers, body)
end

done = function(summary)
  io.write(format('{"requests":%d,"non2xx":%d}\n', summary.requests, summary.errors.status))
end
