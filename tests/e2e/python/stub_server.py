#!/usr/bin/env python3
"""A loopback stand-in for the OpenAI API, for the end-to-end migration oracle.

It answers POST /v1/chat/completions and POST /v1/responses from ONE script table, so a Chat
Completions program and its Responses migration get the same assistant text, the same tool
calls (same call ids) and the same usage numbers (prompt_tokens = input_tokens,
completion_tokens = output_tokens, total_tokens = total_tokens).

How it works: each request body is first reduced to an API-neutral "normal form" (see
`normalize_chat` and `normalize_responses`): model, the conversation as a list of entries
(system/user/assistant text, function calls with canonical arguments, function results paired
with the call they answer), the tools, tool choice, output limit, sampling, structured-output
format, streaming, storage. The scripted answer and the usage numbers are computed from that
normal form alone, so two requests that mean the same thing get the same answer whichever
endpoint they went to. The normal form is also written to the request log, where the runner
compares the original run's requests with the migrated run's.

A scripted refusal comes back as chat's `message.refusal` and as a `refusal` content part of
the Responses message item.

Both endpoints stream (`stream: true`): chat as `data: {chunk}` lines ending with
`data: [DONE]` (plus a usage-only chunk with `choices: []` when
`stream_options.include_usage`), Responses as typed events (`event: response.created` ...
`event: response.completed`).

Reasoning models (o-series, gpt-5 family; see `reasons`) put a `reasoning` item first in
`output`, as the real API does. Its `encrypted_content` is only filled when the request asks
with `include: ["reasoning.encrypted_content"]` (the older API behaviour, the stricter one), and
a non-reasoning model refuses that `include`. A reasoning item replayed in a later input is
accepted when it carries its encrypted content or names an item of a stored response; one from
a `store: false` response without its content is refused ("Item with id ... not found").

`previous_response_id` is honoured: responses are kept in memory and a chained request is
answered as if the earlier turns had been sent again (instructions are NOT carried over, as in
the real API). Chaining onto a response created with `store: false` fails with 400
`previous_response_not_found`, as the real API does.

A Responses body the real API would refuse (a Chat Completions parameter, a `tool` role or
`tool_calls` in the input, chat content parts, a nested function tool or tool choice, a wrapped
`json_schema` format, a limit below 16, a tool output whose `call_id` matches no call) gets the
400 the API answers with (see `check_responses_body`).

The Batch API is served too: POST /v1/files (a multipart upload), GET /v1/files/{id} and
/v1/files/{id}/content, POST /v1/batches, GET /v1/batches/{id}. A batch runs when it is created
(its retrieval shows the outcome): like the API, it fails validation when a line is not JSON,
lacks `custom_id`, `method`, `url` or `body`, repeats a `custom_id`, or names a `url` other than
the batch's `endpoint` (one endpoint per batch). Each line's body is then answered as a request to
that endpoint would be (a chat body on /v1/responses gets the same 400), logged like one with
`"batch": ID`, and written to the output file as `{"id", "custom_id", "response": {"status_code",
"request_id", "body"}, "error"}`; refused lines go to the error file instead.

Usage:  stub_server.py [--port N] [--port-file PATH]
  Listens on 127.0.0.1 only (port 0 = any free port), prints `listening on 127.0.0.1:PORT`
  and writes PORT to --port-file. Every request is appended to the JSONL file named by the
  environment variable STUB_LOG as {"method", "path", "body", "norm", "status"}.
"""
import argparse
import hashlib
import itertools
import json
import os
import re
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

CREATED = 1_700_000_000
LOCK = threading.Lock()
COUNTER = itertools.count(1)
STORED = {}  # response id -> {"chain": [...], "store": bool, "response": {...}}
ITEMS = {}  # reasoning item id -> {"store": bool, "encrypted": str}
FILES = {}  # file id -> {"meta": {...}, "data": bytes}
BATCHES = {}  # batch id -> the batch object, as it ended
ENCRYPTED_REASONING = "reasoning.encrypted_content"

UNSET_STRICT = "unset (Responses then attempts strict mode)"
EMPTY_PARAMETERS = {"type": "object", "properties": {}}


# --------------------------------------------------------------------------------------------
# Normal form


def canon(value):
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def canon_args(arguments):
    """Function-call arguments compared as JSON values, not as text."""
    if isinstance(arguments, str):
        try:
            return canon(json.loads(arguments))
        except ValueError:
            return arguments
    return canon(arguments)


def text_of(content):
    """The text of a message content: a string, or a list of text parts of either API."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        out = []
        for part in content:
            if isinstance(part, str):
                out.append(part)
            elif isinstance(part, dict):
                kind = part.get("type")
                if kind in ("text", "input_text", "output_text"):
                    out.append(part.get("text") or "")
                elif kind == "refusal":
                    out.append("<refusal:%s>" % part.get("refusal"))
                else:
                    out.append("<%s:%s>" % (kind, canon({k: v for k, v in part.items() if k != "type"})))
        return "".join(out)
    return canon(content)


def pair_calls(entries):
    """Replace call/result keys by positions: a result names the ordinal of the call it answers.

    Chat pairs tool results by tool_call_id and legacy function results by function name (the
    latest call of that name); Responses pairs by call_id. Positions make both comparable.
    """
    by_key = {}
    out = []
    ordinal = 0
    for entry in entries:
        if entry[0] == "call":
            _, name, args, keys = entry
            for key in keys:
                by_key[key] = ordinal
            out.append(["call", name, args])
            ordinal += 1
        elif entry[0] == "result":
            _, key, text = entry
            out.append(["result", by_key.get(key, "unpaired %s=%s" % key), text])
        else:
            out.append(entry)
    return out


def role_of(role):
    return "system" if role in ("system", "developer") else role


def chat_entries(messages):
    entries = []
    for m in messages or []:
        if not isinstance(m, dict):
            entries.append(["unreadable", canon(m)])
            continue
        role = m.get("role")
        if role in ("system", "developer", "user"):
            entries.append([role_of(role), text_of(m.get("content"))])
        elif role == "assistant":
            text = text_of(m.get("content"))
            calls = m.get("tool_calls") or []
            legacy = m.get("function_call")
            if text or not (calls or legacy):
                entries.append(["assistant", text])
            for tc in calls:
                f = tc.get("function") or {}
                entries.append(["call", f.get("name"), canon_args(f.get("arguments")), [("id", tc.get("id"))]])
            if legacy:
                name = legacy.get("name")
                entries.append(["call", name, canon_args(legacy.get("arguments")), [("name", name)]])
        elif role == "tool":
            entries.append(["result", ("id", m.get("tool_call_id")), text_of(m.get("content"))])
        elif role == "function":
            entries.append(["result", ("name", m.get("name")), text_of(m.get("content"))])
        else:
            entries.append(["unknown-role", str(role), text_of(m.get("content"))])
    return entries


def responses_entries(items):
    if items is None:
        return []
    if isinstance(items, str):
        return [["user", items]]
    entries = []
    for item in items:
        if not isinstance(item, dict):
            entries.append(["unreadable", canon(item)])
            continue
        kind = item.get("type") or "message"
        if kind == "message":
            entries.append([role_of(item.get("role")), text_of(item.get("content"))])
        elif kind == "function_call":
            name, call_id = item.get("name"), item.get("call_id")
            entries.append(["call", name, canon_args(item.get("arguments")), [("id", call_id), ("name", name)]])
        elif kind == "function_call_output":
            entries.append(["result", ("id", item.get("call_id")), text_of(item.get("output"))])
        elif kind == "reasoning":
            # The model's own reasoning, replayed: Chat Completions has no such entry, and the
            # conversation means the same with or without it (check_input decides if it is valid).
            continue
        else:
            entries.append(["item-type-%s" % kind, canon(item)])
    return entries


def chat_tool(tool):
    if tool.get("type", "function") != "function":
        return {"type": tool.get("type"), "raw": canon(tool)}
    f = tool.get("function") or {}
    return function_tool(f.get("name"), f.get("description"), f.get("parameters"), f.get("strict") or False)


def function_tool(name, description, parameters, strict):
    return {
        "name": name,
        "description": description,
        "parameters": canon(parameters if parameters is not None else EMPTY_PARAMETERS),
        "strict": strict,
    }


def responses_tool(tool):
    if tool.get("type") != "function":
        return {"type": tool.get("type"), "raw": canon(tool)}
    strict = tool.get("strict")
    return function_tool(tool.get("name"), tool.get("description"), tool.get("parameters"),
                         UNSET_STRICT if strict is None else strict)


def tool_choice_of(choice, has_tools):
    if choice is None:
        return "auto" if has_tools else None
    if isinstance(choice, str):
        return choice
    if isinstance(choice, dict):
        if choice.get("type") == "function":
            name = choice.get("name") or (choice.get("function") or {}).get("name")
            return "function:%s" % name
        if "name" in choice and len(choice) == 1:  # legacy function_call={"name": ...}
            return "function:%s" % choice["name"]
    return canon(choice)


def format_of(fmt):
    """Structured-output format, from chat `response_format` or Responses `text.format`."""
    if not isinstance(fmt, dict) or fmt.get("type") in (None, "text"):
        return None
    if fmt.get("type") == "json_schema":
        spec = fmt.get("json_schema") if "json_schema" in fmt else fmt
        return {
            "type": "json_schema",
            "name": spec.get("name"),
            "description": spec.get("description"),
            "schema": canon(spec.get("schema")),
            "strict": bool(spec.get("strict")),
        }
    return {"type": fmt.get("type"), "raw": canon({k: v for k, v in fmt.items() if k != "type"})}


# Chat parameters with no Responses equivalent: kept in the normal form so that dropping one
# shows up as a difference.
CHAT_ONLY = ("n", "stop", "seed", "frequency_penalty", "presence_penalty", "logit_bias", "logprobs",
             "modalities", "audio", "prediction", "web_search_options")


def normalize_chat(body):
    tools = [chat_tool(t) for t in body.get("tools") or []]
    choice = body.get("tool_choice")
    if body.get("functions"):
        tools += [function_tool(f.get("name"), f.get("description"), f.get("parameters"), False)
                  for f in body["functions"]]
        choice = body.get("function_call", choice)
    norm = {
        "model": body.get("model"),
        "messages": pair_calls(chat_entries(body.get("messages"))),
        "tools": tools,
        "tool_choice": tool_choice_of(choice, bool(tools)),
        "max_output_tokens": body.get("max_completion_tokens", body.get("max_tokens")),
        "temperature": body.get("temperature"),
        "top_p": body.get("top_p"),
        "format": format_of(body.get("response_format")),
        "reasoning_effort": body.get("reasoning_effort"),
        "stream": bool(body.get("stream")),
        "store": bool(body.get("store", False)),
        "metadata": body.get("metadata"),
        "user": body.get("safety_identifier", body.get("user")),
    }
    dropped = {k: body[k] for k in CHAT_ONLY if body.get(k) is not None and not (k == "n" and body[k] == 1)}
    if dropped:
        norm["chat_only"] = dropped
    return norm


class NotFound(Exception):
    pass


def normalize_responses(body):
    """Returns (norm, chain): chain is the conversation without instructions, for storing."""
    chain = []
    prev = body.get("previous_response_id")
    if prev:
        stored = STORED.get(prev)
        if stored is None or not stored["store"]:
            raise NotFound(prev)
        chain = list(stored["chain"])
    chain += responses_entries(body.get("input"))
    entries = list(chain)
    instructions = body.get("instructions")
    if instructions:
        head = [["system", instructions]] if isinstance(instructions, str) else responses_entries(instructions)
        entries = head + entries
    tools = [responses_tool(t) for t in body.get("tools") or []]
    text = body.get("text") or {}
    norm = {
        "model": body.get("model"),
        "messages": pair_calls(entries),
        "tools": tools,
        "tool_choice": tool_choice_of(body.get("tool_choice"), bool(tools)),
        "max_output_tokens": body.get("max_output_tokens"),
        "temperature": body.get("temperature"),
        "top_p": body.get("top_p"),
        "format": format_of(text.get("format")),
        "reasoning_effort": (body.get("reasoning") or {}).get("effort"),
        "stream": bool(body.get("stream")),
        "store": bool(body.get("store", True)),
        "metadata": body.get("metadata"),
        "user": body.get("safety_identifier", body.get("user")),
    }
    if body.get("conversation") is not None:
        norm["conversation"] = body["conversation"]
    return norm, chain


# --------------------------------------------------------------------------------------------
# What the real API refuses. A Responses body carrying Chat Completions shapes is answered with
# the 400 the API gives, so a half-migrated program fails here as it would in production.

RESPONSES_PARAMS = {
    "background", "context_management", "conversation", "include", "input", "instructions",
    "max_output_tokens", "max_tool_calls", "metadata", "model", "moderation",
    "parallel_tool_calls", "previous_response_id", "prompt", "prompt_cache_key",
    "prompt_cache_options", "prompt_cache_retention", "reasoning", "safety_identifier",
    "service_tier", "store", "stream", "stream_options", "temperature", "text", "tool_choice",
    "tools", "top_logprobs", "top_p", "truncation", "user",
}
def reasons(model):
    """The stub's view of which models reason: enough for the names the e2e programs use."""
    name = str(model or "").lower()
    if "-chat-latest" in name or name.startswith(("gpt-3", "gpt-4")):
        return False
    return bool(re.match(r"o\d+(-|$)", name)) or name.startswith(("gpt-5", "codex-"))


MESSAGE_ROLES = {"user", "assistant", "system", "developer"}
MESSAGE_KEYS = {"type", "role", "content", "id", "status", "phase"}
INPUT_PARTS = {"input_text", "input_image", "input_file", "input_audio"}
OUTPUT_PARTS = {"output_text", "refusal"}
ITEM_KEYS = {
    "function_call": {"type", "call_id", "name", "arguments", "id", "status", "namespace"},
    "function_call_output": {"type", "call_id", "output", "id", "status"},
}
REASONING_KEYS = {"type", "id", "summary", "content", "encrypted_content", "status"}
FORMAT_KEYS = {"type", "name", "description", "schema", "strict"}


class Refused(Exception):
    """A 400 the real API would answer with."""

    def __init__(self, message, param=None, code=None):
        super().__init__(message)
        self.param = param
        self.code = code


def unknown(keys, allowed, where):
    for key in keys:
        if key not in allowed:
            raise Refused("Unknown parameter: '%s%s'." % (where, key), where + key, "unknown_parameter")


def check_part(part, where, role):
    if not isinstance(part, dict):
        return
    kind = part.get("type")
    allowed = OUTPUT_PARTS if role == "assistant" else INPUT_PARTS
    if kind not in allowed:
        raise Refused("Invalid value: '%s'. Supported values are: %s." % (
            kind, ", ".join("'%s'" % k for k in sorted(allowed))), where + "type", "invalid_value")
    if kind == "input_image" and not isinstance(part.get("image_url", ""), str):
        raise Refused("Invalid type for '%simage_url': expected a string." % where, where + "image_url", "invalid_type")


def check_input(items, chain_calls):
    if not isinstance(items, list):
        return
    calls = set(chain_calls)
    for i, item in enumerate(items):
        where = "input[%d]." % i
        if not isinstance(item, dict):
            continue
        kind = item.get("type", "message")
        if kind == "message":
            role = item.get("role")
            if role not in MESSAGE_ROLES:
                raise Refused("Invalid value: '%s'. Supported values are: 'assistant', 'system', "
                              "'developer', and 'user'." % role, where + "role", "invalid_value")
            unknown(item, MESSAGE_KEYS, where)
            if isinstance(item.get("content"), list):
                for j, part in enumerate(item["content"]):
                    check_part(part, "%scontent[%d]." % (where, j), role)
            elif not isinstance(item.get("content"), str):
                raise Refused("Invalid type for '%scontent'." % where, where + "content", "invalid_type")
        elif kind == "reasoning":
            unknown(item, REASONING_KEYS, where)
            known = ITEMS.get(item.get("id"))
            if item.get("encrypted_content"):
                if known is not None and item["encrypted_content"] != known["encrypted"]:
                    raise Refused("The encrypted content of %sencrypted_content could not be verified." % where,
                                  where + "encrypted_content", "invalid_encrypted_content")
            elif known is None or not known["store"]:
                raise Refused("Item with id '%s' not found. Items are not persisted when `store` is set to "
                              "false; send the item with its encrypted content, or store the response."
                              % item.get("id"), "input")
        elif kind in ITEM_KEYS:
            unknown(item, ITEM_KEYS[kind], where)
            if not item.get("call_id"):
                raise Refused("Missing required parameter: '%scall_id'." % where, where + "call_id",
                              "missing_required_parameter")
            if kind == "function_call":
                calls.add(item["call_id"])
            elif item["call_id"] not in calls:
                raise Refused("No tool call found for function call output with call_id %s." % item["call_id"],
                              "input")


def check_tools(tools):
    for i, tool in enumerate(tools or []):
        if isinstance(tool, dict) and tool.get("type") == "function" and not tool.get("name"):
            raise Refused("Missing required parameter: 'tools[%d].name'." % i, "tools[%d].name" % i,
                          "missing_required_parameter")


def check_responses_body(body, chain_calls):
    unknown(body, RESPONSES_PARAMS, "")
    if ENCRYPTED_REASONING in (body.get("include") or []) and not reasons(body.get("model")):
        raise Refused("Encrypted content is not supported with this model.", "include", "unsupported_parameter")
    limit = body.get("max_output_tokens")
    if isinstance(limit, int) and limit < 16:
        raise Refused("Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 16, "
                      "but got %d instead." % limit, "max_output_tokens", "integer_below_min_value")
    unknown(body.get("stream_options") or {}, {"include_obfuscation"}, "stream_options.")
    choice = body.get("tool_choice")
    if isinstance(choice, dict) and "function" in choice:
        raise Refused("Unknown parameter: 'tool_choice.function'.", "tool_choice.function", "unknown_parameter")
    check_tools(body.get("tools"))
    fmt = (body.get("text") or {}).get("format")
    if isinstance(fmt, dict) and fmt.get("type") == "json_schema":
        if not fmt.get("name"):
            raise Refused("Missing required parameter: 'text.format.name'.", "text.format.name",
                          "missing_required_parameter")
        unknown(fmt, FORMAT_KEYS, "text.format.")
    check_input(body.get("input"), chain_calls)


# --------------------------------------------------------------------------------------------
# The script: one table for both endpoints, keyed on the normal form.
#
# An answer is {"text": str}, {"refusal": str} (not streamed) or
# {"calls": [(call_id, name, arguments_json), ...]}.

SCRIPT = []


def scenario(fn):
    SCRIPT.append(fn)
    return fn


def call(name, args):
    args_json = json.dumps(args)
    digest = hashlib.sha1((name + canon(args)).encode()).hexdigest()[:20]
    return ("call_" + digest, name, args_json)


def tool_names(norm):
    return {t.get("name") for t in norm["tools"]}


def wants_json(norm, *keys):
    fmt = norm["format"]
    if not fmt or fmt["type"] != "json_schema":
        return False
    props = (json.loads(fmt["schema"]) or {}).get("properties") or {}
    return all(k in props for k in keys)


CITIES = ["Paris", "Tokyo", "London", "New York", "Berlin"]


@scenario
def weather(norm, q, ctx):
    if "get_weather" in tool_names(norm) and "weather" in q.lower():
        found = sorted((q.find(c), c) for c in CITIES if c in q)
        if found:
            return {"calls": [call("get_weather", {"city": c, "unit": "celsius"}) for _, c in found]}
    return None


@scenario
def stock(norm, q, ctx):
    if "get_stock_price" in tool_names(norm) and re.search(r"\b(share|stock|price)\b", q.lower()):
        symbols = re.findall(r"\b[A-Z]{2,5}\b", q)
        if symbols:
            return {"calls": [call("get_stock_price", {"symbol": symbols[0]})]}
    return None


@scenario
def secret(norm, q, ctx):
    if "secret password" in q.lower() and not norm["stream"]:
        return {"refusal": "I can't help with finding passwords."}
    return None


@scenario
def capital(norm, q, ctx):
    if "capital of france" in q.lower():
        return {"text": "The capital of France is Paris."}
    return None


@scenario
def hash_map(norm, q, ctx):
    if "hash map" in q.lower():
        if "one sentence" in ctx["system"].lower():
            return {"text": "A hash map stores key-value pairs and finds each value by hashing its key."}
        return {"text": "A hash map is a data structure that stores key-value pairs.\n"
                        "It hashes each key to pick a bucket, so lookups take constant time on average.\n"
                        "Collisions are handled with chaining or open addressing."}
    return None


TRANSLATIONS = {
    ("apple", "spanish"): "manzana", ("apple", "french"): "pomme", ("apple", "german"): "Apfel",
    ("bread", "spanish"): "pan", ("bread", "french"): "pain", ("bread", "german"): "Brot",
    ("water", "spanish"): "agua", ("water", "french"): "eau", ("water", "german"): "Wasser",
}


@scenario
def translate(norm, q, ctx):
    m = re.search(r"translate ['\"]?(\w+)['\"]? (?:in)?to (\w+)", q.lower())
    if m:
        word = TRANSLATIONS.get((m.group(1), m.group(2)))
        if word:
            return {"text": word}
        return {"text": "I don't know how to translate %r to %s." % (m.group(1), m.group(2).title())}
    return None


@scenario
def haiku(norm, q, ctx):
    if "haiku" in q.lower() and "autumn" in q.lower():
        return {"text": "Crimson leaves drifting,\nwhispers on the cooling wind,\nbranches letting go."}
    return None


@scenario
def calendar(norm, q, ctx):
    if "science fair" in q.lower():
        if wants_json(norm, "name", "date", "participants"):
            return {"text": json.dumps({"name": "Science Fair", "date": "Friday", "participants": ["Alice", "Bob"]})}
        return {"text": "Alice and Bob are going to the science fair on Friday."}
    return None


@scenario
def book(norm, q, ctx):
    if "dune" in q.lower():
        if wants_json(norm, "title", "author", "year"):
            return {"text": json.dumps({"title": "Dune", "author": "Frank Herbert", "year": 1965,
                                        "genres": ["science fiction", "adventure"]})}
        return {"text": "Dune is a 1965 science fiction novel by Frank Herbert."}
    return None


@scenario
def turtle(norm, q, ctx):
    if "turtle" in q.lower():
        if norm["max_output_tokens"] is not None and norm["max_output_tokens"] < 10:
            return {"text": "Sheldon."}
        return {"text": "How about Sheldon? It's a classic, slow-and-steady name."}
    return None


@scenario
def small_questions(norm, q, ctx):
    low = q.lower()
    if "2 + 2" in low:
        return {"text": "2 + 2 = 4."}
    if "primary color" in low:
        return {"text": "Red is one of the three primary colors."}
    if "octopus" in low:
        return {"text": "An octopus has three hearts and blue blood."}
    if "one to five" in low:
        return {"text": "One, two, three, four, five."}
    return None


@scenario
def tutor(norm, q, ctx):
    low = q.lower()
    if "12 times 12" in low:
        return {"text": "12 times 12 is 144."}
    if "divide that by 3" in low:
        if any("144" in text for text in ctx["assistant"]):
            return {"text": "144 divided by 3 is 48."}
        return {"text": "Sorry, divide what by 3? I have no earlier result."}
    if "add 2" in low and any("48" in text for text in ctx["assistant"]):
        return {"text": "48 plus 2 is 50."}
    return None


def summarize_result(name, output):
    try:
        data = json.loads(output)
    except ValueError:
        return "%s said: %s" % (name, output)
    if not isinstance(data, dict):
        return "%s said: %s" % (name, canon(data))
    if name == "get_weather" and {"city", "temperature"} <= set(data):
        unit = "F" if str(data.get("unit", "celsius")).lower().startswith("f") else "C"
        return "it is %s°%s and %s in %s" % (data["temperature"], unit, data.get("conditions", "unknown"), data["city"])
    if name == "get_stock_price" and {"symbol", "price"} <= set(data):
        return "%s is trading at %s %s" % (data["symbol"], data["price"], data.get("currency", "USD"))
    return "%s returned %s" % (name, ", ".join("%s=%s" % kv for kv in data.items()))


def answer_for(norm):
    msgs = norm["messages"]
    users = [m[1] for m in msgs if m[0] == "user"]
    question = users[-1] if users else ""
    ctx = {
        "system": " ".join(m[1] for m in msgs if m[0] == "system"),
        "assistant": [m[1] for m in msgs if m[0] == "assistant"],
    }
    if msgs and msgs[-1][0] == "result":
        # Answer every result after the last user message, naming the call it belongs to.
        last_user = max((i for i, m in enumerate(msgs) if m[0] == "user"), default=-1)
        calls = [m for m in msgs if m[0] == "call"]
        parts = []
        for m in msgs[last_user + 1:]:
            if m[0] == "result":
                name = calls[m[1]][1] if isinstance(m[1], int) else "an unknown call (%s)" % m[1]
                parts.append(summarize_result(name, m[2]))
        text = "; ".join(parts)
        return "results", {"text": text[:1].upper() + text[1:] + "."}
    for fn in SCRIPT:
        got = fn(norm, question, ctx)
        if got is not None:
            return fn.__name__, got
    return "fallback", {"text": "(stub) I have no scripted answer for: %s" % question}


def words(text):
    return len(str(text).split())


def usage_for(norm, answer):
    prompt = 7
    for m in norm["messages"]:
        prompt += 4 + sum(words(x) for x in m[1:])
    prompt += sum(12 + words(t.get("description") or "") + len(t.get("parameters", "")) // 8 for t in norm["tools"])
    if norm["format"]:
        prompt += 25
    if "text" in answer or "refusal" in answer:
        said = answer.get("text", answer.get("refusal"))
        completion = max(1, words(said) + len(said) // 16)
    else:
        completion = sum(9 + len(args) // 6 for _, _, args in answer["calls"])
    return prompt, completion


# --------------------------------------------------------------------------------------------
# Wire shapes


def pieces(text, size=None):
    """Deterministic stream fragments: words with their trailing space, or fixed-size slices."""
    if size:
        return [text[i:i + size] for i in range(0, len(text), size)] or [""]
    return re.findall(r"\S+\s*|\s+", text) or [""]


def chat_usage(prompt, completion):
    return {
        "prompt_tokens": prompt,
        "completion_tokens": completion,
        "total_tokens": prompt + completion,
        "prompt_tokens_details": {"cached_tokens": 0, "audio_tokens": 0},
        "completion_tokens_details": {"reasoning_tokens": 0, "audio_tokens": 0,
                                      "accepted_prediction_tokens": 0, "rejected_prediction_tokens": 0},
    }


def responses_usage(prompt, completion):
    return {
        "input_tokens": prompt,
        "input_tokens_details": {"cached_tokens": 0, "cache_write_tokens": 0},
        "output_tokens": completion,
        "output_tokens_details": {"reasoning_tokens": 0},
        "total_tokens": prompt + completion,
    }


def chat_reply(body, norm, answer, usage):
    n = next(COUNTER)
    cid = "chatcmpl-stub%06d" % n
    model = body.get("model") or "gpt-4o-mini"
    legacy = bool(body.get("functions")) and not body.get("tools")
    message = {"role": "assistant", "content": answer.get("text"), "refusal": answer.get("refusal"),
               "annotations": []}
    finish = "stop"
    if "calls" in answer:
        if legacy:
            _, name, args = answer["calls"][0]
            message["function_call"] = {"name": name, "arguments": args}
            finish = "function_call"
        else:
            message["tool_calls"] = [{"id": i, "type": "function", "function": {"name": name, "arguments": args}}
                                     for i, name, args in answer["calls"]]
            finish = "tool_calls"
    base = {"id": cid, "created": CREATED, "model": model, "service_tier": "default",
            "system_fingerprint": "fp_stub"}
    if not norm["stream"]:
        return "application/json", json.dumps({
            **base, "object": "chat.completion",
            "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
            "usage": chat_usage(*usage),
        })

    include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
    chunks = []

    def chunk(delta, finish_reason=None):
        c = {**base, "object": "chat.completion.chunk",
             "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish_reason}]}
        if include_usage:
            c["usage"] = None
        chunks.append(c)

    if "text" in answer:
        chunk({"role": "assistant", "content": "", "refusal": None})
        for piece in pieces(answer["text"]):
            chunk({"content": piece})
    elif legacy:
        _, name, args = answer["calls"][0]
        chunk({"role": "assistant", "content": None, "function_call": {"name": name, "arguments": ""}})
        for piece in pieces(args, 7):
            chunk({"function_call": {"arguments": piece}})
    else:
        chunk({"role": "assistant", "content": None, "refusal": None})
        for index, (call_id, name, args) in enumerate(answer["calls"]):
            chunk({"tool_calls": [{"index": index, "id": call_id, "type": "function",
                                   "function": {"name": name, "arguments": ""}}]})
            for piece in pieces(args, 7):
                chunk({"tool_calls": [{"index": index, "function": {"arguments": piece}}]})
    chunk({}, finish)
    if include_usage:
        chunks.append({**base, "object": "chat.completion.chunk", "choices": [], "usage": chat_usage(*usage)})
    sse = "".join("data: %s\n\n" % json.dumps(c) for c in chunks) + "data: [DONE]\n\n"
    return "text/event-stream; charset=utf-8", sse


def resolved_tools(body):
    out = []
    for t in body.get("tools") or []:
        t = dict(t)
        if t.get("type") == "function":
            t.setdefault("description", None)
            t.setdefault("parameters", None)
            if t.get("strict") is None:
                t["strict"] = False  # the real API reports strict:false after a non-strict fallback
        out.append(t)
    return out


def responses_reply(body, norm, chain, answer, usage):
    n = next(COUNTER)
    rid = "resp_stub%06d" % n
    output = []
    if reasons(body.get("model")):
        rs_id = "rs_stub%06d" % n
        encrypted = "enc:" + hashlib.sha1(rs_id.encode()).hexdigest()
        output.append({"id": rs_id, "type": "reasoning", "summary": [],
                       "encrypted_content": encrypted if ENCRYPTED_REASONING in (body.get("include") or []) else None})
        ITEMS[rs_id] = {"store": norm["store"], "encrypted": encrypted}
    if "refusal" in answer:
        output.append({
            "id": "msg_stub%06d" % n, "type": "message", "status": "completed", "role": "assistant",
            "content": [{"type": "refusal", "refusal": answer["refusal"]}],
        })
    elif "text" in answer:
        output.append({
            "id": "msg_stub%06d" % n, "type": "message", "status": "completed", "role": "assistant",
            "content": [{"type": "output_text", "text": answer["text"], "annotations": [], "logprobs": []}],
        })
    else:
        for i, (call_id, name, args) in enumerate(answer["calls"]):
            output.append({"id": "fc_stub%06d_%d" % (n, i), "type": "function_call", "status": "completed",
                           "call_id": call_id, "name": name, "arguments": args})
    fmt = (body.get("text") or {}).get("format") or {"type": "text"}
    response = {
        "id": rid, "object": "response", "created_at": CREATED, "status": "completed",
        "background": False, "completed_at": CREATED + 1, "error": None, "incomplete_details": None,
        "instructions": body.get("instructions"), "max_output_tokens": body.get("max_output_tokens"),
        "max_tool_calls": body.get("max_tool_calls"), "model": body.get("model") or "gpt-4o-mini",
        "output": output, "parallel_tool_calls": body.get("parallel_tool_calls", True),
        "previous_response_id": body.get("previous_response_id"),
        "reasoning": {"effort": norm["reasoning_effort"], "summary": None},
        "service_tier": "default",
        "temperature": body.get("temperature", 1.0),
        "text": {"format": fmt, "verbosity": "medium"},
        "tool_choice": body.get("tool_choice", "auto"), "tools": resolved_tools(body),
        "top_logprobs": 0, "top_p": body.get("top_p", 1.0), "truncation": body.get("truncation", "disabled"),
        "usage": responses_usage(*usage), "metadata": body.get("metadata") or {},
    }
    if body.get("user") is not None:
        response["user"] = body["user"]
    # What a later previous_response_id sees: this turn's input plus its output.
    STORED[rid] = {"chain": chain + responses_entries(output), "store": norm["store"], "response": response}
    if not norm["stream"]:
        return "application/json", json.dumps(response)

    events = []

    def emit(kind, **fields):
        events.append((kind, {"type": kind, "sequence_number": len(events), **fields}))

    start = {k: v for k, v in response.items() if k != "usage"}
    start.update(status="in_progress", output=[], completed_at=None)
    emit("response.created", response=start)
    emit("response.in_progress", response=start)
    for index, item in enumerate(output):
        if item["type"] == "reasoning":
            emit("response.output_item.added", output_index=index, item={**item, "encrypted_content": None})
        elif item["type"] == "message":
            text = item["content"][0]["text"]
            emit("response.output_item.added", output_index=index,
                 item={**item, "status": "in_progress", "content": []})
            emit("response.content_part.added", item_id=item["id"], output_index=index, content_index=0,
                 part={"type": "output_text", "text": "", "annotations": [], "logprobs": []})
            for piece in pieces(text):
                emit("response.output_text.delta", item_id=item["id"], output_index=index, content_index=0,
                     delta=piece, logprobs=[])
            emit("response.output_text.done", item_id=item["id"], output_index=index, content_index=0,
                 text=text, logprobs=[])
            emit("response.content_part.done", item_id=item["id"], output_index=index, content_index=0,
                 part=item["content"][0])
        else:
            emit("response.output_item.added", output_index=index,
                 item={**item, "status": "in_progress", "arguments": ""})
            for piece in pieces(item["arguments"], 7):
                emit("response.function_call_arguments.delta", item_id=item["id"], output_index=index, delta=piece)
            # No `name`: the real server never sent it (see DRIFT.md); the item carries it.
            emit("response.function_call_arguments.done", item_id=item["id"], output_index=index,
                 arguments=item["arguments"])
        emit("response.output_item.done", output_index=index, item=item)
    emit("response.completed", response=response)
    sse = "".join("event: %s\ndata: %s\n\n" % (kind, json.dumps(data)) for kind, data in events)
    return "text/event-stream; charset=utf-8", sse


# --------------------------------------------------------------------------------------------
# HTTP


def log_request(entry):
    path = os.environ.get("STUB_LOG")
    if not path:
        return
    with LOCK:
        with open(path, "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")


def error_body(message, code, param=None, kind="invalid_request_error"):
    return json.dumps({"error": {"message": message, "type": kind, "param": param, "code": code}})


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "responsify-stub/1"

    def log_message(self, fmt, *args):  # quiet: the JSONL log is the record
        pass

    def send(self, status, content_type, payload, request_id):
        data = payload if isinstance(payload, bytes) else payload.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("x-request-id", request_id)
        self.send_header("openai-processing-ms", "42")
        self.send_header("openai-version", "2020-10-01")
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        path = self.path.split("?")[0]
        m = re.fullmatch(r"/v1/responses/([\w-]+)", path)
        stored = STORED.get(m.group(1)) if m else None
        if m:
            log_request({"method": "GET", "path": path, "body": None, "norm": None,
                         "status": 200 if stored and stored["store"] else 404})
            if stored and stored["store"]:
                return self.send(200, "application/json", json.dumps(stored["response"]), "req_get")
            return self.send(404, "application/json", error_body("Not found: %s" % self.path, "not_found"), "req_404")
        m = re.fullmatch(r"/v1/(batches|files)/([\w-]+)(/content)?", path)
        found = None
        if m and m.group(1) == "batches" and not m.group(3):
            found = ("application/json", json.dumps(BATCHES[m.group(2)])) if m.group(2) in BATCHES else None
        elif m and m.group(1) == "files" and m.group(2) in FILES:
            f = FILES[m.group(2)]
            found = ("application/octet-stream", f["data"]) if m.group(3) else ("application/json", json.dumps(f["meta"]))
        log_request({"method": "GET", "path": path, "body": None, "norm": None, "status": 200 if found else 404})
        if found:
            return self.send(200, found[0], found[1], "req_get")
        self.send(404, "application/json", error_body("No such object: %s" % path, "not_found"), "req_404")

    def do_POST(self):
        path = self.path.split("?")[0]
        raw = self.read_body()
        if path == "/v1/files":
            return self.upload(raw)
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = None
        entry = {"method": "POST", "path": path, "body": body, "norm": None}
        if isinstance(body, dict) and path == "/v1/batches":
            status, payload = create_batch(body)
            entry["status"] = status
            log_request(entry)
            return self.send(status, "application/json", payload, "req_batch")
        status, content_type, payload, request_id = answer_request(path, body, entry)
        log_request(entry)
        self.send(status, content_type, payload, request_id)

    def read_body(self):
        """The request's body, sent with a length or in chunks (node's fetch streams uploads)."""
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            out = b""
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return out
                out += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def upload(self, raw):
        """POST /v1/files: a multipart form with `file` and `purpose`."""
        fields = multipart(self.headers.get("Content-Type") or "", raw)
        entry = {"method": "POST", "path": "/v1/files", "body": {"purpose": fields.get("purpose", (None, b""))[1].decode()},
                 "norm": None}
        if "file" not in fields or "purpose" not in fields:
            entry["status"] = 400
            log_request(entry)
            return self.send(400, "application/json", error_body("Missing required parameter: 'file'.",
                                                                 "missing_required_parameter", "file"), "req_400")
        filename, data = fields["file"]
        meta = store_file(data, filename or "upload", fields["purpose"][1].decode())
        entry["status"] = 200
        log_request(entry)
        self.send(200, "application/json", json.dumps(meta), "req_file")


def multipart(content_type, raw):
    """The fields of a multipart/form-data body: name -> (filename or None, bytes)."""
    m = re.search(r'boundary="?([^";]+)"?', content_type)
    if not m:
        return {}
    fields = {}
    for part in raw.split(b"--" + m.group(1).encode())[1:]:
        if part.startswith(b"--"):
            break
        head, _, data = part.partition(b"\r\n\r\n")
        if data.endswith(b"\r\n"):
            data = data[:-2]
        head = head.decode("utf-8", "replace")
        name = re.search(r'name="([^"]*)"', head)
        filename = re.search(r'filename="([^"]*)"', head)
        if name:
            fields[name.group(1)] = (filename.group(1) if filename else None, data)
    return fields


def store_file(data, filename, purpose):
    fid = "file-stub%06d" % next(COUNTER)
    meta = {"id": fid, "object": "file", "bytes": len(data), "created_at": CREATED, "filename": filename,
            "purpose": purpose, "status": "processed", "status_details": None}
    FILES[fid] = {"meta": meta, "data": data}
    return meta


def answer_request(path, body, entry):
    """The answer to one request to `path` (an HTTP request, or a line of a batch): its status,
    content type, payload and request id; `entry` (its log entry) gets the outcome."""
    if not isinstance(body, dict):
        entry["status"] = 400
        return 400, "application/json", error_body("body is not a JSON object", "invalid_json"), "req_bad"
    try:
        if path == "/v1/chat/completions":
            norm = normalize_chat(body)
            chain = None
        elif path == "/v1/responses":
            norm, chain = normalize_responses(body)
            check_responses_body(body, [e[3][0][1] for e in chain if e[0] == "call"])
        else:
            entry["status"] = 404
            return 404, "application/json", error_body("stub has no route %s" % path, "unknown_url"), "req_404"
    except Refused as refused:
        entry["status"] = 400
        return 400, "application/json", error_body(str(refused), refused.code, refused.param), "req_400"
    except NotFound as missing:
        entry["status"] = 400
        return 400, "application/json", error_body(
            "Previous response with id '%s' not found." % missing, "previous_response_not_found",
            "previous_response_id"), "req_400"
    name, answer = answer_for(norm)
    usage = usage_for(norm, answer)
    # The request id is a fingerprint of the normal form: equal for equivalent requests.
    request_id = "req_" + hashlib.sha1(canon(norm).encode()).hexdigest()[:16]
    with LOCK:
        if chain is None:
            content_type, payload = chat_reply(body, norm, answer, usage)
        else:
            content_type, payload = responses_reply(body, norm, chain, answer, usage)
    entry.update({"norm": norm, "scenario": name, "status": 200})
    return 200, content_type, payload, request_id


BATCH_ENDPOINTS = ("/v1/responses", "/v1/chat/completions", "/v1/embeddings", "/v1/completions",
                   "/v1/moderations")


def create_batch(body):
    """POST /v1/batches: (status, payload). The batch is validated and run at once; what is
    returned is the batch as created (`validating`), its retrieval shows how it ended."""
    endpoint, input_id = body.get("endpoint"), body.get("input_file_id")
    if endpoint not in BATCH_ENDPOINTS:
        return 400, error_body("Invalid value: '%s'. Supported values are: %s." % (
            endpoint, ", ".join("'%s'" % e for e in BATCH_ENDPOINTS)), "invalid_value", "endpoint")
    if input_id not in FILES:
        return 400, error_body("No such File object: %s" % input_id, "invalid_request_error", "input_file_id")
    if body.get("completion_window") != "24h":
        return 400, error_body("Invalid value for 'completion_window'.", "invalid_value", "completion_window")
    bid = "batch_stub%06d" % next(COUNTER)
    batch = {
        "id": bid, "object": "batch", "endpoint": endpoint, "errors": None, "input_file_id": input_id,
        "completion_window": "24h", "status": "validating", "output_file_id": None, "error_file_id": None,
        "created_at": CREATED, "in_progress_at": None, "expires_at": CREATED + 86400, "finalizing_at": None,
        "completed_at": None, "failed_at": None, "expired_at": None, "cancelling_at": None,
        "cancelled_at": None, "request_counts": {"total": 0, "completed": 0, "failed": 0},
        "metadata": body.get("metadata"),
    }
    created = dict(batch)
    BATCHES[bid] = run_batch(batch, FILES[input_id]["data"])
    return 200, json.dumps(created)


def run_batch(batch, data):
    """Validate the input file as the Batch API does, then answer every line."""
    endpoint = batch["endpoint"]
    errors, lines, seen = [], [], set()
    for n, raw in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except ValueError:
            line = None
        if not isinstance(line, dict):
            errors.append({"code": "invalid_json_line", "line": n, "param": None,
                           "message": "This line is not parseable as valid JSON."})
            continue
        missing = [k for k in ("custom_id", "method", "url", "body") if k not in line]
        if missing:
            errors.append({"code": "missing_required_parameter", "line": n, "param": missing[0],
                           "message": "Missing required parameter: '%s'." % missing[0]})
        elif line["url"] != endpoint:
            errors.append({"code": "mismatched_endpoint", "line": n, "param": "url",
                           "message": "The URL provided for this request ('%s') does not match the batch endpoint "
                                      "('%s'). A batch takes one endpoint for all of its requests."
                                      % (line["url"], endpoint)})
        elif line["custom_id"] in seen:
            errors.append({"code": "duplicate_custom_id", "line": n, "param": "custom_id",
                           "message": "The custom_id for this request is a duplicate of another request."})
        else:
            seen.add(line["custom_id"])
            lines.append(line)
    batch["request_counts"]["total"] = len(lines) + len(errors)
    if errors:
        batch.update(status="failed", failed_at=CREATED + 1, errors={"object": "list", "data": errors})
        return batch
    output, failed = [], []
    for i, line in enumerate(lines):
        body = line["body"]
        entry = {"method": line["method"], "path": line["url"], "body": body, "norm": None, "batch": batch["id"]}
        if isinstance(body, dict) and body.get("stream"):
            status, payload, request_id = 400, error_body("Batch requests cannot stream.", "invalid_value", "stream"), "req_400"
            entry["status"] = 400
        else:
            status, _, payload, request_id = answer_request(line["url"], body, entry)
        log_request(entry)
        result = {"id": "batch_req_%s_%d" % (batch["id"], i), "custom_id": line["custom_id"],
                  "response": {"status_code": status, "request_id": request_id, "body": json.loads(payload)},
                  "error": None}
        (output if status == 200 else failed).append(json.dumps(result))
    if output:
        batch["output_file_id"] = store_file(("\n".join(output) + "\n").encode(), "batch_output.jsonl",
                                             "batch_output")["id"]
    if failed:
        batch["error_file_id"] = store_file(("\n".join(failed) + "\n").encode(), "batch_errors.jsonl",
                                            "batch_output")["id"]
    batch["request_counts"].update(completed=len(output), failed=len(failed))
    batch.update(status="completed", in_progress_at=CREATED, finalizing_at=CREATED + 1, completed_at=CREATED + 1)
    return batch


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--port-file")
    args = ap.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    port = server.server_address[1]
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w") as f:
            f.write(str(port))
        os.replace(tmp, args.port_file)
    print("listening on 127.0.0.1:%d" % port, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
