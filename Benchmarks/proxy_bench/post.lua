-- wrk script: POST one chat completion request (a short prompt with an e-mail address, so the
-- regex policy has something to rewrite) with the bench client key.
-- PACE_MS > 0: each connection waits that long after every response before its next request
-- (a client's think time), so latency is measured at a rate the server sustains, not in the
-- queue of a saturating closed loop. wrk's latency excludes the wait.
local pace = tonumber(os.getenv("PACE_MS") or "") or 0
if pace > 0 then
  function delay() return pace end
end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer pk-bench-fake"
wrk.body = '{"model":"bench","messages":[{"role":"system","content":"You are a helpful assistant."},' ..
  '{"role":"user","content":"Please send the agenda for tomorrow to jane.doe@corp.example and cc the team; ' ..
  'the meeting is about the quarterly budget review and the hiring plan."}],"temperature":0.2}'
