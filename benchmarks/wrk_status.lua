-- Counts the answers that are not 200 (a signed-out redirect would otherwise count as served),
-- over all of wrk's threads, and prints "BAD <n>" at the end (benchmarks/load.py reads it).
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
end

function response(status, headers, body)
  if status ~= 200 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("bad")
  end
  io.write(string.format("BAD %d\n", total))
end
