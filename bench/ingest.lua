-- wrk script for bench/ingest.sh: POST /api/{project}/envelope/ as a Sentry SDK does, each envelope one Java
-- exception event (about 2.5 KB, 12 frames) of one of VARIANTS bugs, with a fresh event id (the ingest makes
-- one when the envelope has none). Counts the answers by status; anything but 200 makes the run INVALID.
-- With GZIP "gzip" the bodies are sent gzip-compressed (Content-Encoding: gzip), as the Sentry Java SDK sends
-- every envelope; the browser SDK sends them plain. wrk keeps each connection alive, as the SDKs' HTTP clients do.
-- usage: wrk ... -s bench/ingest.lua http://127.0.0.1:PORT -- PROJECT_ID KEY VARIANTS [GZIP]

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

local function frames(variant)
   local list = {}
   local classes = { "java.lang.Thread", "org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker",
      "org.apache.catalina.core.StandardWrapperValve", "org.springframework.web.servlet.DispatcherServlet",
      "org.springframework.web.servlet.FrameworkServlet", "org.springframework.web.method.support.InvocableHandlerMethod",
      "com.vendor.billing.web.InvoiceController", "com.vendor.billing.InvoiceService",
      "com.vendor.billing.InvoiceService", "com.vendor.billing.mail.InvoiceMailer",
      "com.vendor.billing.mail.SmtpGateway", "com.vendor.billing.mail.SmtpGateway" }
   for i, class in ipairs(classes) do
      local in_app = string.find(class, "com.vendor", 1, true) ~= nil
      table.insert(list, string.format(
         '{"module":"%s","function":"call%d","filename":"%s.java","lineno":%d,"in_app":%s}',
         class, i, class:match("([^.$]+)$"), 100 + i * 7 + variant, tostring(in_app)))
   end
   return "[" .. table.concat(list, ",") .. "]"
end

-- wrk's Lua has no zlib: compress with the gzip command once per body, at start-up.
local function gzip(body)
   local file = os.tmpname()
   local out = io.open(file, "wb")
   out:write(body)
   out:close()
   local pipe = io.popen("gzip -c -n " .. file, "r")
   local compressed = pipe:read("*a")
   pipe:close()
   os.remove(file)
   return compressed
end

function init(args)
   project, key, variants, compress = args[1], args[2], tonumber(args[3] or "20"), args[4] == "gzip"
   bodies = {}
   for v = 1, variants do
      local event = string.format(
         '{"platform":"java","level":"error","release":"billing@4.2.%d","environment":"production",' ..
         '"server_name":"billing-1","timestamp":%d,"logger":"com.vendor.billing.InvoiceService",' ..
         '"tags":{"region":"eu-west","tenant":"t-%d"},"user":{"id":"u-%d"},' ..
         '"request":{"method":"POST","url":"https://billing.example/invoices/%d/send"},' ..
         '"exception":{"values":[' ..
         '{"type":"SocketException","module":"java.net","value":"Connection reset by peer",' ..
         '"stacktrace":{"frames":%s}},' ..
         '{"type":"InvoiceDeliveryException%d","module":"com.vendor.billing","value":"Invoice %d could not be sent",' ..
         '"stacktrace":{"frames":%s}}]}}',
         v % 3, os.time(), v, v, 1000 + v, frames(v), v, 1000 + v, frames(v + 1))
      bodies[v] = '{"sent_at":"2026-05-01T10:00:00Z","sdk":{"name":"sentry.java","version":"8.63.0"}}\n' ..
         '{"type":"event","content_type":"application/json"}\n' .. event .. '\n'
      if compress then
         bodies[v] = gzip(bodies[v])
      end
   end
   headers = {
      ["Content-Type"] = "application/x-sentry-envelope",
      ["X-Sentry-Auth"] = "Sentry sentry_version=7, sentry_client=sentry.java/8.63.0, sentry_key=" .. key,
   }
   if compress then
      headers["Content-Encoding"] = "gzip"
   end
   path = "/api/" .. project .. "/envelope/"
   counter = 0
   statuses = {}
end

function request()
   counter = counter + 1
   return wrk.format("POST", path, headers, bodies[(counter % variants) + 1])
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
   local totals = {}
   for _, thread in ipairs(threads) do
      local s = thread:get("statuses")
      for status, n in pairs(s) do
         totals[status] = (totals[status] or 0) + n
      end
   end
   for status, n in pairs(totals) do
      io.write(string.format("status %d: %d\n", status, n))
   end
end
