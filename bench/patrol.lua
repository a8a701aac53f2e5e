-- wrk script for bench/patrol.sh: GET / as the address given after "--" (X-Forwarded-For; Pledge trusts it from
-- 127.0.0.1 in the benchmark), counting every response whose status is not the expected one, so a benchmark of
-- rejections cannot pass by measuring something else.
-- usage: wrk ... -s bench/patrol.lua http://127.0.0.1:PORT -- EXPECTED_STATUS [ADDRESS [PATH [BODY_PART]]]
-- ADDRESS "-": none (the request comes from 127.0.0.1); PATH: instead of /; BODY_PART: an answer whose body does not
-- contain it is unexpected too (the CrowdSec live endpoint answers 200 both with and without a decision).

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   expected = tonumber(args[1])
   bad = 0
   first_bad = 0
   wrk.method = "GET"
   wrk.path = args[3] or "/"
   body_part = args[4]
   if args[2] and args[2] ~= "-" then
      wrk.headers["X-Forwarded-For"] = args[2]
   end
end

function response(status, headers, body)
   if status ~= expected or (body_part and not string.find(body, body_part, 1, true)) then
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
