-- wrk script for bench/patrol.sh: GET / as the address given after "--" (X-Forwarded-For; Pledge trusts it from
-- 127.0.0.1 in the benchmark), counting every response whose status is not the expected one, so a benchmark of
-- rejections cannot pass by measuring something else.
-- usage: wrk ... -s bench/patrol.lua http://127.0.0.1:PORT -- EXPECTED_STATUS [ADDRESS]

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   expected = tonumber(args[1])
   bad = 0
   first_bad = 0
   wrk.method = "GET"
   wrk.path = "/"
   if args[2] then
      wrk.headers["X-Forwarded-For"] = args[2]
   end
end

function response(status, headers, body)
   if status ~= expected then
      bad = bad + 1
      if first_bad == 0 then
         first_bad = status
      end
   end
end

function done(summary, latency, requests)
   local total, status = 0, 0
   for _, thread in ipairs(threads) do
      total = total + thread:get("bad")
      if status == 0 then
         status = thread:get("first_bad")
      end
   end
   io.write(string.format("unexpected responses: %d (first status %d)\n", total, status))
end
