-- wrk script for bench/login.sh: POST /api/v1/session with the JSON credentials given after "--",
-- counting every response that is not 200 (a benchmark of refused logins would measure nothing).
-- usage: wrk ... -s bench/login.lua http://127.0.0.1:PORT -- EMAIL PASSWORD

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

function init(args)
   bad = 0
   first_bad = 0
   wrk.method = "POST"
   wrk.path = "/api/v1/session"
   wrk.headers["Content-Type"] = "application/json"
   wrk.body = string.format('{"email":"%s","password":"%s"}', args[1], args[2])
end

function response(status, headers, body)
   if status ~= 200 then
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
   io.write(string.format("non-200 responses: %d (first status %d)\n", total, status))
end
