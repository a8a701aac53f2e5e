-- wrk script for bench/patrol.sh: a flood of requests for pages that do not exist (404, Secure Patrol's not-found
-- detection point), each thread from its own range of addresses in 172.16.0.0/12, every address once, until each
-- thread has had PER_THREAD answers; then the thread stops and leaves the file DONE_DIR/flood-done-ID (wrk itself
-- waits out its whole duration: bench/patrol.sh interrupts it once every thread is done). Requests past that (at
-- most one per connection) repeat the thread's first addresses, so exactly THREADS x PER_THREAD distinct
-- addresses are sent.
-- usage: wrk -tTHREADS ... -s bench/patrol-flood.lua http://127.0.0.1:PORT -- PER_THREAD DONE_DIR

local threads = {}
local next_id = 0

function setup(thread)
   thread:set("id", next_id)
   next_id = next_id + 1
   table.insert(threads, thread)
end

function init(args)
   per_thread = tonumber(args[1])
   done_dir = args[2]
   sent = 0
   answered = 0
   statuses = {}
end

function request()
   local n = id * per_thread + (sent % per_thread)
   sent = sent + 1
   local address = string.format("172.%d.%d.%d", 16 + math.floor(n / 65536), math.floor(n / 256) % 256, n % 256)
   return wrk.format("GET", "/flood-" .. n, { ["X-Forwarded-For"] = address })
end

function response(status, headers, body)
   answered = answered + 1
   statuses[status] = (statuses[status] or 0) + 1
   if answered == per_thread then
      local marker = io.open(string.format("%s/flood-done-%d", done_dir, id), "w")
      marker:close()
      wrk.thread:stop()
   end
end

function done(summary, latency, requests)
   io.write(string.format("flood: %d requests\n", summary.requests))
end
