#!/usr/bin/env python3
"""A tiny OpenAI-compatible model server (stdlib only) for Parapet's end-to-end tests.

It answers POST /v1/chat/completions, streamed (server-sent events) or not. By default it echoes
the last user message; magic words in that message pick other behaviours:

  SECRET     answer contains a fake GitHub token      AWSKEY     answer contains a fake AWS key id
  TOOLS      answer is a tool call with an e-mail     FAIL500    HTTP 500
  SLOW       sleeps 5 s (longer than the proxy's timeout)
  TRUNCATE   stream stops before [DONE]               MALFORMED  stream sends invalid JSON

GET /_requests returns every request body it received (so tests can check what reached it).
Requests without `Authorization: Bearer $STUB_EXPECT_KEY` (when set) get HTTP 401.
The fake secrets are assembled from pieces so no secret scanner mistakes them for live ones.
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAKE_GITHUB_TOKEN = "ghp_" + "Zb3VhN2LqT8rK4mW1sP9dY6cF0gH5j" + "2OeT3d"
FAKE_AWS_KEY = "AKIA" + "QYLPMN5HFIGWZ7TX"
PADDING = "Some words to pad the answer out. " * 10
RECEIVED = []
LOCK = threading.Lock()


def last_user_text(body):
    for message in reversed(body.get("messages", [])):
        if message.get("role") == "user":
            content = message.get("content")
            if isinstance(content, str):
                return content
            return "".join(p.get("text", "") for p in content or [] if p.get("type") == "text")
    return ""


def answer_for(prompt):
    if "SECRET" in prompt:
        return PADDING + "Your token is " + FAKE_GITHUB_TOKEN + " keep it safe." + PADDING
    if "AWSKEY" in prompt:
        return PADDING + "The key is " + FAKE_AWS_KEY + " as requested." + PADDING
    return prompt


def base(model, obj):
    return {"id": "chatcmpl-e2e", "object": obj, "created": 1700000000, "model": model, "system_fingerprint": "fp_e2e"}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send_json(self, status, value):
        data = json.dumps(value).encode()
        self.send_response(status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/_requests":
            with LOCK:
                self.send_json(200, RECEIVED)
        else:
            self.send_json(404, {"error": {"message": "not found", "type": "invalid_request_error", "code": None, "param": None}})

    def do_POST(self):
        length = int(self.headers.get("content-length", "0"))
        body = json.loads(self.rfile.read(length) or b"{}")
        expected = os.environ.get("STUB_EXPECT_KEY")
        if expected and self.headers.get("authorization") != "Bearer " + expected:
            return self.send_json(401, {"error": {"message": "bad upstream key", "type": "auth", "code": "bad_key", "param": None}})
        if self.path != "/v1/chat/completions":
            return self.send_json(404, {"error": {"message": "no route", "type": "invalid_request_error", "code": None, "param": None}})
        with LOCK:
            RECEIVED.append(body)
        prompt = last_user_text(body)
        model = body.get("model", "stub")
        if "FAIL500" in prompt:
            return self.send_json(500, {"error": {"message": "upstream exploded", "type": "server_error", "code": None, "param": None}})
        if "SLOW" in prompt:
            time.sleep(5)
        if body.get("stream") and "JSONSTREAM" not in prompt:  # JSONSTREAM: ignore `stream`, answer JSON
            return self.stream(body, prompt, model)
        if "TOOLS" in prompt:
            message = {"role": "assistant", "content": None, "tool_calls": [{
                "id": "call_e2e", "type": "function",
                "function": {"name": "send_mail", "arguments": json.dumps({"to": "bob@corp.example", "body": "hi"})}}]}
            finish = "tool_calls"
        else:
            message = {"role": "assistant", "content": answer_for(prompt)}
            finish = "stop"
        reply = base(model, "chat.completion")
        reply["choices"] = [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}]
        reply["usage"] = {"prompt_tokens": 11, "completion_tokens": 22, "total_tokens": 33}
        reply["x_vendor"] = {"kept": True}
        self.send_json(200, reply)

    def event(self, value):
        data = value if isinstance(value, str) else json.dumps(value)
        self.wfile.write(("data: " + data + "\n\n").encode())
        self.wfile.flush()

    def stream(self, body, prompt, model):
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("connection", "close")
        self.end_headers()
        self.close_connection = True

        def chunk(delta, finish=None):
            value = base(model, "chat.completion.chunk")
            value["choices"] = [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]
            value["x_vendor"] = {"kept": True}
            return value

        self.event(chunk({"role": "assistant", "content": ""}))
        text = answer_for(prompt)
        for start in range(0, len(text), 5):
            self.event(chunk({"content": text[start:start + 5]}))
            if "MALFORMED" in prompt and start >= 10:
                self.event("{not json")
                return
            if "TRUNCATE" in prompt and start >= 10:
                return
        self.event(chunk({}, "stop"))
        if (body.get("stream_options") or {}).get("include_usage"):
            usage = base(model, "chat.completion.chunk")
            usage["choices"] = []
            usage["usage"] = {"prompt_tokens": 11, "completion_tokens": 22, "total_tokens": 33}
            self.event(usage)
        self.event("[DONE]")


def main():
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
