-- wrk script for bench/sso.sh. Two modes, given after "--":
--   refresh TOKENS_FILE BASIC_AUTH   POST /oauth2/token grant_type=refresh_token. Every refresh rotates the token and
--                                    a reused one revokes its whole family, so each wrk thread keeps a chain of its
--                                    own: thread i starts from line i of TOKENS_FILE ("refresh access" per line) and
--                                    sends the refresh token from the previous answer. Run with one connection per
--                                    thread (-c equal to -t): a thread's connections would share one chain.
--   get PATH [BEARER]                GET PATH (with "Authorization: Bearer BEARER" when given).
--   introspect TOKEN BASIC_AUTH      POST /oauth2/introspect token=TOKEN, as a system's resource server asks about
--                                    the access token it was shown; an answer without "active": true counts as bad.
-- Every answer that is not 200 is counted (and, for refresh, breaks that chain: the benchmark is then invalid).
-- usage: wrk -tN -cN ... -s bench/sso.lua http://127.0.0.1:PORT -- refresh FILE "Basic ..."
--        wrk ... -s bench/sso.lua http://127.0.0.1:PORT -- get /userinfo TOKEN
--        wrk ... -s bench/sso.lua http://127.0.0.1:PORT -- introspect TOKEN "Basic ..."

local threads = {}
local chains = {}

function setup(thread)
   table.insert(threads, thread)
   thread:set("index", #threads)
end

local function read_chains(file)
   local list = {}
   for line in io.lines(file) do
      local refresh = line:match("^(%S+)")
      if refresh then
         table.insert(list, refresh)
      end
   end
   return list
end

function init(args)
   mode = args[1]
   bad = 0
   first_bad = 0
   refreshes = 0
   if mode == "refresh" then
      local list = read_chains(args[2])
      refresh_token = list[index]
      if not refresh_token then
         error("not enough refresh tokens in " .. args[2] .. " for thread " .. index)
      end
      token_headers = {
         ["Content-Type"] = "application/x-www-form-urlencoded",
         ["Authorization"] = args[3],
         ["Accept"] = "application/json",
      }
   elseif mode == "introspect" then
      wrk.method = "POST"
      wrk.path = "/oauth2/introspect"
      wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
      wrk.headers["Authorization"] = args[3]
      wrk.headers["Accept"] = "application/json"
      wrk.body = "token=" .. args[2]
   else
      wrk.method = "GET"
      wrk.path = args[2]
      if args[3] then
         wrk.headers["Authorization"] = "Bearer " .. args[3]
      end
   end
end

function request()
   if mode == "refresh" then
      return wrk.format("POST", "/oauth2/token", token_headers,
         "grant_type=refresh_token&refresh_token=" .. refresh_token)
   end
   return wrk.format()
end

function response(status, headers, body)
   if status ~= 200 then
      bad = bad + 1
      if first_bad == 0 then
         first_bad = status
      end
      return
   end
   if mode == "introspect" and not body:match('"active"%s*:%s*true') then
      bad = bad + 1
      if first_bad == 0 then
         first_bad = -1
      end
      return
   end
   if mode == "refresh" then
      local next_token = body:match('"refresh_token"%s*:%s*"([^"]+)"')
      if next_token then
         refresh_token = next_token
         refreshes = refreshes + 1
      else
         bad = bad + 1
         if first_bad == 0 then
            first_bad = -1
         end
      end
   end
end

function done(summary, latency, requests)
   local total, status, rotated = 0, 0, 0
   for _, thread in ipairs(threads) do
      total = total + thread:get("bad")
      rotated = rotated + thread:get("refreshes")
      if status == 0 then
         status = thread:get("first_bad")
      end
   end
   io.write(string.format("non-200 responses: %d (first status %d)\n", total, status))
   if threads[1] and threads[1]:get("mode") == "refresh" then
      io.write(string.format("rotated refresh tokens: %d\n", rotated))
   end
end
