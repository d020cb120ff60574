-- wrk script: POST one chat completion request (a short prompt with an e-mail address, so the
-- regex policy has something to rewrite) with the bench client key.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer pk-bench-fake"
wrk.body = '{"model":"bench","messages":[{"role":"system","content":"You are a helpful assistant."},' ..
  '{"role":"user","content":"Please send the agenda for tomorrow to jane.doe@corp.example and cc the team; ' ..
  'the meeting is about the quarterly budget review and the hiring plan."}],"temperature":0.2}'
