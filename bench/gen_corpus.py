#!/usr/bin/env python3
"""Write a large, deterministic, mixed source tree for benchmarking responsify.

    python3 bench/gen_corpus.py --files 20000 --seed 1 --out bench/corpus

The same --files/--seed always gives byte-identical output. The tree holds:

  ~70%  unrelated code (.py .ts .js .tsx .rs .md), 2-8 KB each; about 3% of these mention
        "completions" or "messages" in a comment or string (negative controls).
  ~20%  code with `client.chat.completions.create(...)`-style calls (.py .ts .js .tsx),
        for the code front ends (the Python one reads the .py files; the others are to come).
  ~10%  data: Chat Completions request bodies (.json), Batch input files (.jsonl, 5-50
        lines), fine-tuning files (.jsonl whose lines have "messages" but no "model",
        decoys), and unrelated .json (package.json, tsconfig, i18n catalogues, ...).

Files sit in nested directories (depth 2-5). A root .gitignore ignores one directory
(`generated/`) that does hold files. Some files use CRLF line endings, some carry
non-ASCII text. Only the Python standard library is used.

--kinds restricts which kinds are written (e.g. `--kinds data` for a JSON-only tree, to
see what responsify's parsing costs without the walk over unrelated files).
"""

import argparse
import json
import os
import random
import shutil
import sys

# --------------------------------------------------------------------------------------
# Vocabulary. None of these words is "completions" or "messages": those two words appear
# only where a file is meant to mention them.
# --------------------------------------------------------------------------------------

WORDS = """
account action adapter address agent alert amount archive asset audit author backend
balance batch billing bucket buffer build bundle cache calendar cart catalog channel
checkout client cluster column commit config connection consumer context contract cookie
counter coupon credential customer cursor dashboard dataset deadline delivery deploy
device digest document domain draft driver editor email employee endpoint entity event
feature filter firmware folder format gateway graph handler header health history
image index inventory invoice issue item job journal kernel key label layout ledger
license limit listing loader locale lock logger manifest marker media member metric
migration model module monitor node notice order owner page parser partner
payload payment permission pipeline plan plugin policy pool preview price printer
process product profile project prompt provider query queue quota rating reader receipt
record region registry release report request resource result review role route rule
runner sample schedule schema scope search secret segment sensor session setting shard
shipment signal snapshot socket source span stage status storage store stream summary
supplier survey table tag task team template tenant ticket timer token topic trace
tracker transfer trigger upload user vault vendor version volume warehouse webhook widget
window worker workflow zone
""".split()

VERBS = """
load save fetch build parse render compute resolve apply merge split filter sort
validate normalize encode decode sync flush refresh update create delete list find
collect emit publish consume schedule retry cancel archive restore export import
register attach detach format summarize aggregate reconcile index scan
""".split()

ADJECTIVES = """
active pending stale fresh remote local primary secondary default custom internal
external cached partial total raw clean safe strict lazy eager
""".split()

SENTENCES = [
    "This keeps the hot path free of allocations.",
    "We retry with exponential backoff before giving up.",
    "The caller owns the returned buffer.",
    "Values are clamped to the configured range.",
    "Order matters here: the index must be rebuilt first.",
    "See the design doc for why this is not cached.",
    "Timestamps are stored in UTC and converted at the edge.",
    "This path is only taken when the feature flag is on.",
    "Keep in sync with the schema in the migrations folder.",
    "An empty result is not an error.",
    "The lock is held only while the map is updated.",
    "Deprecated: use the batched variant instead.",
    "Falls back to the default region when none is set.",
    "Large payloads are streamed rather than buffered.",
    "The worker pool size comes from the environment.",
    "Avoid logging the token; it is a credential.",
]

NON_ASCII = [
    "Grüße aus München — Straße, Größe, Übermaß.",
    "Café crème, naïve façade, déjà vu à l'hôtel.",
    "日本語のテキストを正しく扱う必要があります。",
    "Привет, мир! Проверка кодировки.",
    "Ελληνικά: καλημέρα κόσμε.",
    "中文内容：请检查编码是否正确。",
    "Emoji in a string: ✅ 🚀 🎉 ⚠️",
    "Zażółć gęślą jaźń.",
    "עברית: שלום עולם",
    "한국어 문장도 포함됩니다.",
]

# Mentions of the trigger words in code that has nothing to do with the API.
NEGATIVE_COMMENTS = [
    "shell completions are generated at build time",
    "tab completions for the REPL come from the symbol table",
    "error messages are shown to the user verbatim",
    "validation messages are localised elsewhere",
    "the editor asks the language server for completions",
    "queue messages are acknowledged after processing",
]

MODELS = [
    "gpt-4o", "gpt-4o-mini", "gpt-4.1", "gpt-4.1-mini", "gpt-4.1-nano", "gpt-3.5-turbo",
    "gpt-4-turbo", "o3-mini", "o4-mini", "gpt-5", "gpt-5-mini",
]

SYSTEM_PROMPTS = [
    "You are a helpful assistant.",
    "You are a concise support agent for an online store. Answer in two sentences.",
    "You classify customer feedback into one of: bug, feature, praise, other.",
    "You are a senior engineer reviewing pull requests. Point out risky changes.",
    "Extract the fields requested by the user and answer with JSON only.",
    "You translate product descriptions into plain English.",
    "Tu es un assistant qui répond en français, poliment et brièvement.",
    "あなたは丁寧な日本語で答えるアシスタントです。",
]

USER_PROMPTS = [
    "Summarize the following ticket in one paragraph.",
    "What is the refund policy for orders older than 30 days?",
    "Classify this review: the checkout page froze twice but support was quick.",
    "Write a haiku about distributed systems.",
    "List three risks in this migration plan.",
    "Convert 72 degrees Fahrenheit to Celsius and explain the formula.",
    "Which of these invoices are overdue? Answer with their numbers.",
    "Explain the difference between a mutex and a semaphore.",
    "Draft a short reply declining the meeting politely.",
    "¿Cuál es la capital de Australia?",
    "Résume ce texte en trois points.",
    "Give me a regex that matches ISO 8601 dates.",
]

ASSISTANT_REPLIES = [
    "Sure. Here is a short summary of the ticket.",
    "Orders older than 30 days can be exchanged but not refunded.",
    "bug",
    "The plan has three main risks: data loss, downtime, and cost overrun.",
    "72°F is about 22.2°C: subtract 32, then multiply by 5/9.",
    "Invoices 1043 and 1051 are overdue.",
    "Canberra.",
]

TOOL_NAMES = ["get_weather", "lookup_order", "search_docs", "create_ticket",
              "get_stock_price", "send_email", "convert_currency"]


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.js_declared = set()

    # ---- small helpers ----------------------------------------------------------------

    def word(self):
        return self.r.choice(WORDS)

    def ident(self, parts=2):
        return "_".join(self.r.choice(WORDS) for _ in range(parts))

    def camel(self, parts=2, upper=False):
        ws = [self.r.choice(WORDS) for _ in range(parts)]
        s = ws[0] + "".join(w.capitalize() for w in ws[1:])
        return s[0].upper() + s[1:] if upper else s

    def fn_name(self):
        return self.r.choice(VERBS) + "_" + self.ident(self.r.randint(1, 2))

    def fn_camel(self):
        return self.r.choice(VERBS) + self.camel(self.r.randint(1, 2), upper=True)

    def sentence(self, non_ascii=False):
        if non_ascii and self.r.random() < 0.5:
            return self.r.choice(NON_ASCII)
        if self.r.random() < 0.5:
            return self.r.choice(SENTENCES)
        n = self.r.randint(4, 11)
        ws = [self.r.choice(WORDS + VERBS + ADJECTIVES) for _ in range(n)]
        return " ".join(ws).capitalize() + "."

    def paragraph(self, non_ascii=False):
        return " ".join(self.sentence(non_ascii) for _ in range(self.r.randint(2, 5)))

    def number(self):
        return self.r.choice([0, 1, 2, 3, 5, 8, 10, 16, 30, 60, 100, 128, 256, 500, 1000,
                              1024, 3600, 8080])

    def string_lit(self, non_ascii=False):
        if non_ascii and self.r.random() < 0.4:
            return self.r.choice(NON_ASCII)
        return self.r.choice([
            self.ident(), self.word(), "/" + self.word() + "/" + self.word(),
            self.sentence(), self.word() + "-" + self.word(), "%s.%s" % (self.word(), self.word()),
        ])

    # ---- Python ------------------------------------------------------------------------

    def py_header(self):
        mods = self.r.sample(["os", "sys", "json", "re", "time", "logging", "pathlib",
                              "dataclasses", "typing", "collections", "itertools",
                              "functools", "datetime", "hashlib", "uuid"], self.r.randint(2, 6))
        lines = ['"""%s"""' % self.sentence(), ""]
        for m in sorted(mods):
            lines.append("import %s" % m)
        if self.r.random() < 0.5:
            lines.append("from .%s import %s, %s" % (self.word(), self.camel(2, True), self.fn_name()))
        lines += ["", "logger = logging.getLogger(__name__)" if "logging" in mods
                  else "%s = %d" % (self.ident().upper(), self.number()), "", ""]
        return "\n".join(lines)

    def py_stmt(self, indent, non_ascii):
        p = " " * indent
        k = self.r.randint(0, 9)
        v = self.ident()
        if k == 0:
            return "%s# %s\n" % (p, self.sentence(non_ascii))
        if k == 1:
            return "%sfor %s in %s:\n%s    %s.append(%s)\n" % (
                p, self.word(), self.ident(), p, self.ident(), self.word())
        if k == 2:
            return "%sif %s is None:\n%s    raise ValueError(%r)\n" % (
                p, v, p, self.string_lit(non_ascii))
        if k == 3:
            return "%s%s = {%r: %s, %r: %r}\n" % (
                p, v, self.word(), self.number(), self.word(), self.string_lit(non_ascii))
        if k == 4:
            return "%stry:\n%s    %s = %s(%s)\n%sexcept KeyError:\n%s    %s = None\n" % (
                p, p, v, self.fn_name(), self.ident(), p, p, v)
        if k == 5:
            return "%s%s = [%s for %s in %s if %s.%s]\n" % (
                p, v, self.word(), self.word(), self.ident(), self.word(), self.word())
        if k == 6:
            return "%slogger.info(%r, %s)\n" % (p, self.sentence() + " %s", self.ident())
        if k == 7:
            return "%swith open(%s, encoding=\"utf-8\") as fh:\n%s    %s = json.load(fh)\n" % (
                p, self.ident(), p, v)
        if k == 8:
            return "%s%s += %s * %d\n" % (p, v, self.ident(), self.number())
        return "%s%s = self.%s(%s, %s=%s)\n" % (
            p, v, self.fn_name(), self.ident(), self.word(), self.r.choice(["True", "False", "None"]))

    def py_function(self, indent=0, non_ascii=False, method=False):
        p = " " * indent
        args = list(dict.fromkeys(self.ident() for _ in range(self.r.randint(0, 3))))
        if method:
            args = ["self"] + args
        out = "%sdef %s(%s):\n" % (p, self.fn_name(), ", ".join(args))
        if self.r.random() < 0.7:
            out += '%s    """%s"""\n' % (p, self.sentence(non_ascii))
        for _ in range(self.r.randint(2, 7)):
            out += self.py_stmt(indent + 4, non_ascii)
        out += "%s    return %s\n\n" % (p, self.ident())
        return out

    def py_class(self, non_ascii=False):
        out = "class %s(%s):\n" % (self.camel(2, True), self.r.choice(["object", "Base", "Exception", "dict"]))
        out += '    """%s"""\n\n' % self.paragraph(non_ascii)
        for _ in range(self.r.randint(1, 4)):
            out += self.py_function(4, non_ascii, method=True)
        return out + "\n"

    def py_block(self, non_ascii):
        return self.py_class(non_ascii) if self.r.random() < 0.3 else self.py_function(0, non_ascii) + "\n"

    # ---- TypeScript / JavaScript -----------------------------------------------------------

    def js_header(self, ts):
        lines = []
        for _ in range(self.r.randint(2, 5)):
            lines.append('import { %s, %s } from "%s";' % (
                self.camel(2), self.fn_camel(), self.r.choice(["./", "../", "@acme/"]) + self.word()))
        if ts:
            lines += ["", "export interface %s {" % self.camel(2, True)]
            for _ in range(self.r.randint(2, 6)):
                lines.append("  %s%s: %s;" % (self.camel(2), self.r.choice(["", "?"]),
                                             self.r.choice(["string", "number", "boolean", "string[]", "Date", "Record<string, unknown>"])))
            lines.append("}")
        lines += ["", "const %s = %d;" % (self.ident().upper(), self.number()), "", ""]
        return "\n".join(lines)

    def js_fresh(self):
        """A local name not yet declared in the current function (JS forbids redeclaring)."""
        while True:
            v = self.camel(2)
            if v not in self.js_declared:
                self.js_declared.add(v)
                return v

    def js_stmt(self, indent, non_ascii):
        p = " " * indent
        k = self.r.randint(0, 8)
        v = self.js_fresh()
        if k == 0:
            return "%s// %s\n" % (p, self.sentence(non_ascii))
        if k == 1:
            return "%sfor (const %s of %s) {\n%s  %s.push(%s.%s);\n%s}\n" % (
                p, self.word(), self.camel(2), p, self.camel(2), self.word(), self.word(), p)
        if k == 2:
            return "%sif (!%s) {\n%s  throw new Error(%s);\n%s}\n" % (
                p, v, p, json.dumps(self.string_lit(non_ascii), ensure_ascii=False), p)
        if k == 3:
            k1, k2 = self.r.sample(WORDS, 2)
            return "%sconst %s = { %s: %d, %s: %s };\n" % (
                p, v, k1, self.number(), k2, json.dumps(self.string_lit(non_ascii), ensure_ascii=False))
        if k == 4:
            return "%sconst %s = await %s(%s);\n" % (p, v, self.fn_camel(), self.camel(2))
        if k == 5:
            return "%sconst %s = %s.filter((x) => x.%s).map((x) => x.%s);\n" % (
                p, v, self.camel(2), self.word(), self.word())
        if k == 6:
            return "%sconsole.debug(`%s ${%s}`);\n" % (p, self.sentence(), self.camel(2))
        if k == 7:
            return "%stry {\n%s  await %s(%s);\n%s} catch (err) {\n%s  %s.push(err);\n%s}\n" % (
                p, p, self.fn_camel(), self.camel(2), p, p, self.camel(2), p)
        return "%slet %s = %s ?? %d;\n" % (p, v, self.camel(2), self.number())

    def js_function(self, ts, non_ascii, indent=0):
        p = " " * indent
        names = list(dict.fromkeys(self.camel(2) for _ in range(self.r.randint(0, 3))))
        args = [a + (": " + self.r.choice(["string", "number", self.camel(2, True)]) if ts else "")
                for a in names]
        ret = (": Promise<%s>" % self.r.choice(["void", "string", "number", self.camel(2, True)])) if ts else ""
        out = ""
        if self.r.random() < 0.6:
            out += "%s/**\n%s * %s\n%s */\n" % (p, p, self.sentence(non_ascii), p)
        out += "%sexport async function %s(%s)%s {\n" % (p, self.fn_camel(), ", ".join(args), ret)
        self.js_declared = set(a.split(":")[0] for a in args)
        for _ in range(self.r.randint(2, 7)):
            out += self.js_stmt(indent + 2, non_ascii)
        out += "%s  return %s;\n%s}\n\n" % (p, self.camel(2), p)
        return out

    def js_class(self, ts, non_ascii):
        out = "export class %s {\n" % self.camel(2, True)
        for _ in range(self.r.randint(1, 3)):
            out += "  %s%s = %d;\n" % ("private " if ts else "", self.camel(2), self.number())
        out += "\n"
        for _ in range(self.r.randint(1, 3)):
            arg = self.camel(2)
            self.js_declared = {arg}
            out += "  async %s(%s) {\n" % (self.fn_camel(), arg + (": string" if ts else ""))
            for _ in range(self.r.randint(2, 5)):
                out += self.js_stmt(4, non_ascii)
            out += "    return this.%s;\n  }\n\n" % self.camel(2)
        return out + "}\n\n"

    def js_block(self, ts, non_ascii):
        return self.js_class(ts, non_ascii) if self.r.random() < 0.25 else self.js_function(ts, non_ascii)

    def tsx_block(self, non_ascii):
        if self.r.random() < 0.4:
            return self.js_block(True, non_ascii)
        name = self.camel(2, True)
        props = list(dict.fromkeys(self.camel(2) for _ in range(self.r.randint(1, 3))))
        out = "type %sProps = { %s };\n\n" % (name, " ".join("%s: string;" % p for p in props))
        out += "export function %s({ %s }: %sProps) {\n" % (name, ", ".join(props), name)
        state = self.r.choice(["draft", "status", "query", "selection", "error"])
        out += "  const [%s, set%s] = useState<string>(\"\");\n" % (state, state.capitalize())
        out += "  useEffect(() => {\n    const run = async () => {\n"
        self.js_declared = set(props)
        for _ in range(self.r.randint(1, 3)):
            out += self.js_stmt(6, non_ascii)
        out += "    };\n    void run();\n  }, [%s]);\n" % props[0]
        out += "  return (\n    <div className=\"%s\">\n" % (self.word() + "-" + self.word())
        for _ in range(self.r.randint(2, 6)):
            tag = self.r.choice(["span", "p", "li", "h3", "label"])
            out += "      <%s>{%s}</%s>\n" % (tag, self.r.choice(props), tag)
        if non_ascii:
            out += "      <small>%s</small>\n" % self.r.choice(NON_ASCII)
        out += "    </div>\n  );\n}\n\n"
        return out

    # ---- Rust --------------------------------------------------------------------------

    def rs_header(self):
        uses = self.r.sample(["std::collections::HashMap", "std::sync::Arc", "std::io",
                              "std::path::PathBuf", "std::fmt", "std::time::Duration",
                              "crate::error::Error", "serde::Deserialize"], self.r.randint(2, 5))
        lines = ["//! %s" % self.sentence(), ""] + ["use %s;" % u for u in sorted(uses)]
        return "\n".join(lines) + "\n\n"

    def rs_block(self, non_ascii):
        k = self.r.random()
        if k < 0.3:
            out = "#[derive(Debug, Clone)]\npub struct %s {\n" % self.camel(2, True)
            for _ in range(self.r.randint(2, 6)):
                out += "    /// %s\n    pub %s: %s,\n" % (self.sentence(non_ascii), self.ident(),
                                                       self.r.choice(["u64", "String", "Vec<u8>", "Option<String>", "bool", "f64"]))
            return out + "}\n\n"
        if k < 0.45:
            out = "#[derive(Debug, PartialEq)]\npub enum %s {\n" % self.camel(2, True)
            for _ in range(self.r.randint(2, 6)):
                out += "    %s,\n" % self.camel(1, True)
            return out + "}\n\n"
        out = "/// %s\npub fn %s(%s: &str, %s: usize) -> Result<%s, Error> {\n" % (
            self.sentence(non_ascii), self.fn_name(), self.ident(), self.ident(),
            self.r.choice(["usize", "String", "()", "Vec<String>"]))
        for _ in range(self.r.randint(2, 6)):
            s = self.r.randint(0, 4)
            v = self.ident()
            if s == 0:
                out += "    // %s\n" % self.sentence(non_ascii)
            elif s == 1:
                out += "    let %s = %s.iter().filter(|x| x.%s > %d).count();\n" % (v, self.ident(), self.word(), self.number())
            elif s == 2:
                out += "    if %s.is_empty() {\n        return Err(Error::new(%s));\n    }\n" % (
                    self.ident(), json.dumps(self.string_lit(non_ascii), ensure_ascii=False))
            elif s == 3:
                out += "    let mut %s = HashMap::new();\n    %s.insert(%s, %d);\n" % (v, v, json.dumps(self.word()), self.number())
            else:
                out += "    match %s {\n        Some(v) => %s(v)?,\n        None => {}\n    }\n" % (self.ident(), self.fn_name())
        return out + "    Ok(Default::default())\n}\n\n"

    # ---- Markdown ------------------------------------------------------------------------

    def md_header(self):
        return "# %s\n\n%s\n\n" % (self.camel(2, True), self.paragraph())

    def md_block(self, non_ascii):
        k = self.r.random()
        if k < 0.3:
            return "## %s %s\n\n%s\n\n" % (self.r.choice(VERBS).capitalize(), self.word(), self.paragraph(non_ascii))
        if k < 0.5:
            return "".join("- %s\n" % self.sentence(non_ascii) for _ in range(self.r.randint(3, 7))) + "\n"
        if k < 0.7:
            lang = self.r.choice(["python", "ts", "bash", "rust"])
            body = "$ %s %s --%s %s\n" % (self.word(), self.r.choice(VERBS), self.word(), self.ident()) \
                if lang == "bash" else self.py_function() if lang == "python" else \
                self.js_function(True, False) if lang == "ts" else self.rs_block(False)
            return "```%s\n%s```\n\n" % (lang, body)
        if k < 0.85:
            cols = [self.word() for _ in range(self.r.randint(2, 4))]
            out = "| " + " | ".join(cols) + " |\n|" + "---|" * len(cols) + "\n"
            for _ in range(self.r.randint(2, 6)):
                out += "| " + " | ".join(str(self.number()) if self.r.random() < 0.5 else self.word() for _ in cols) + " |\n"
            return out + "\n"
        return "%s\n\n" % self.paragraph(non_ascii)

    # ---- whole unrelated code files -------------------------------------------------------

    def code_file(self, ext, non_ascii, negative):
        target = self.r.randint(2048, 8192)
        header, block, cmt = {
            ".py": (self.py_header, self.py_block, "#"),
            ".ts": (lambda: self.js_header(True), lambda na: self.js_block(True, na), "//"),
            ".js": (lambda: self.js_header(False), lambda na: self.js_block(False, na), "//"),
            ".tsx": (lambda: 'import { useEffect, useState } from "react";\n' + self.js_header(True),
                     self.tsx_block, "//"),
            ".rs": (self.rs_header, self.rs_block, "//"),
            ".md": (self.md_header, self.md_block, None),
        }[ext]
        parts = [header()]
        size = len(parts[0])
        while size < target:
            b = block(non_ascii and self.r.random() < 0.3)
            parts.append(b)
            size += len(b)
        if negative:
            phrase = self.r.choice(NEGATIVE_COMMENTS)
            if cmt is None:
                line = "> Note: %s.\n\n" % phrase
            elif ext == ".py" and self.r.random() < 0.5:
                line = 'NOTE = {"messages": [], "kind": %r}\n\n' % phrase
            else:
                line = "%s NOTE: %s.\n\n" % (cmt, phrase)
            parts.insert(self.r.randint(1, len(parts)), line)
        return "".join(parts)

    # ---- code files with Chat Completions calls ----------------------------------------------

    def py_messages(self, indent, non_ascii, last="prompt"):
        p = " " * indent
        sys_prompt = self.r.choice(SYSTEM_PROMPTS if non_ascii else SYSTEM_PROMPTS[:6])
        out = "[\n"
        if self.r.random() < 0.8:
            out += '%s    {"role": "system", "content": %s},\n' % (p, json.dumps(sys_prompt, ensure_ascii=False))
        for _ in range(self.r.randint(0, 2)):
            out += '%s    {"role": "user", "content": %s},\n' % (p, json.dumps(self.r.choice(USER_PROMPTS), ensure_ascii=False))
            out += '%s    {"role": "assistant", "content": %s},\n' % (p, json.dumps(self.r.choice(ASSISTANT_REPLIES), ensure_ascii=False))
        out += '%s    {"role": "user", "content": %s},\n%s]' % (p, last, p)
        return out

    def py_call(self, non_ascii):
        client = self.r.choice(["client", "client", "self.client", "self._client", "openai",
                                "async_client", "llm_client", "oai"])
        aw = "await " if client == "async_client" or self.r.random() < 0.2 else ""
        params = self.r.choice(["prompt", "text", "question", "context, query"])
        last = 'f"Context: {context}\\n\\n{query}"' if params == "context, query" else params
        fn = "%sdef %s(%s):\n" % ("async " if aw else "", self.fn_name(), params)
        if client.startswith("self"):
            fn = fn.replace("(", "(self, ", 1)
            p = "        "
            fn = "    " + fn
        else:
            p = "    "
        out = fn
        out += '%s"""%s"""\n' % (p, self.sentence(non_ascii))
        kwargs = ['model=%s' % self.r.choice([json.dumps(self.r.choice(MODELS)), "MODEL", "self.model" if client.startswith("self") else "settings.model"]),
                  'messages=%s' % self.py_messages(len(p) + 4, non_ascii, last)]
        extras = [("temperature", str(self.r.choice([0, 0.2, 0.7, 1.0]))),
                  ("max_tokens", str(self.r.choice([64, 256, 512, 1024, 4096]))),
                  ("tools", "TOOLS"), ("tool_choice", '"auto"'),
                  ("response_format", '{"type": "json_object"}'),
                  ("n", "2"), ("seed", "42"), ("stream", "True"), ("user", "user_id"),
                  ("stop", '["\\n\\n"]')]
        for k, v in self.r.sample(extras, self.r.randint(0, 4)):
            kwargs.append("%s=%s" % (k, v))
        out += "%sresponse = %s%s.chat.completions.create(\n" % (p, aw, client)
        for kw in kwargs:
            out += "%s    %s,\n" % (p, kw)
        out += "%s)\n" % p
        if self.r.random() < 0.5:
            out += "%sif response.choices[0].finish_reason == \"length\":\n%s    logger.warning(\"truncated\")\n" % (p, p)
        out += "%sreturn response.choices[0].message.content\n\n\n" % p
        if client.startswith("self"):
            out = "class %s:\n    def __init__(self, client, model=%s):\n        self.client = client\n        self._client = client\n        self.model = model\n\n" % (
                self.camel(2, True), json.dumps(self.r.choice(MODELS))) + out
        return out

    def js_call(self, ts, non_ascii):
        client = self.r.choice(["openai", "client", "this.client", "openaiClient", "oai"])
        sys_prompt = self.r.choice(SYSTEM_PROMPTS if non_ascii else SYSTEM_PROMPTS[:6])
        arg = self.camel(1) + (": string" if ts else "")
        out = "export async function %s(%s) {\n" % (self.fn_camel(), arg)
        out += "  const completion = await %s.chat.completions.create({\n" % client
        out += "    model: %s,\n" % self.r.choice([json.dumps(self.r.choice(MODELS)), "MODEL", "process.env.OPENAI_MODEL ?? \"gpt-4o\""])
        out += "    messages: [\n"
        if self.r.random() < 0.8:
            out += "      { role: \"system\", content: %s },\n" % json.dumps(sys_prompt, ensure_ascii=False)
        out += "      { role: \"user\", content: %s },\n    ],\n" % arg.split(":")[0]
        extras = ["temperature: 0.2", "max_tokens: 512", "tools: TOOLS", "tool_choice: \"auto\"",
                  "response_format: { type: \"json_object\" }", "n: 1", "seed: 7", "stream: false",
                  "stop: [\"END\"]", "frequency_penalty: 0.5"]
        for e in self.r.sample(extras, self.r.randint(0, 4)):
            out += "    %s,\n" % e
        out += "  });\n"
        out += "  return completion.choices[0].message.content ?? \"\";\n}\n\n"
        return out

    def call_file(self, ext, non_ascii):
        target = self.r.randint(2048, 8192)
        ncalls = self.r.choice([1, 1, 1, 2, 2, 3])
        if ext == ".py":
            parts = [self.py_header() + "from openai import OpenAI, AsyncOpenAI\n\nclient = OpenAI()\nasync_client = AsyncOpenAI()\nMODEL = %s\n\n" % json.dumps(self.r.choice(MODELS))]
            calls = [self.py_call(non_ascii) for _ in range(ncalls)]
            filler = lambda: self.py_block(non_ascii and self.r.random() < 0.3)
        else:
            ts = ext != ".js"
            head = 'import OpenAI from "openai";\n'
            if ext == ".tsx":
                head += 'import { useEffect, useState } from "react";\n'
            head += self.js_header(ts) + "const openai = new OpenAI();\nconst client = openai;\nconst MODEL = %s;\n\n" % json.dumps(self.r.choice(MODELS))
            parts = [head]
            calls = [self.js_call(ts, non_ascii) for _ in range(ncalls)]
            if ext == ".tsx":
                filler = lambda: self.tsx_block(non_ascii and self.r.random() < 0.3)
            else:
                filler = lambda: self.js_block(ts, non_ascii and self.r.random() < 0.3)
        size = len(parts[0]) + sum(len(c) for c in calls)
        body = []
        while size < target:
            b = filler()
            body.append(b)
            size += len(b)
        for c in calls:
            body.insert(self.r.randint(0, len(body)), c)
        return "".join(parts + body)

    # ---- data files ---------------------------------------------------------------------

    def chat_messages(self, non_ascii, with_tools=False, long=False):
        msgs = []
        if self.r.random() < 0.8:
            role = self.r.choice(["system", "system", "developer"])
            msgs.append({"role": role, "content": self.r.choice(SYSTEM_PROMPTS if non_ascii else SYSTEM_PROMPTS[:6])})
        for _ in range(self.r.randint(0, 3)):
            msgs.append({"role": "user", "content": self.r.choice(USER_PROMPTS)})
            msgs.append({"role": "assistant", "content": self.r.choice(ASSISTANT_REPLIES)})
        if with_tools and self.r.random() < 0.5:
            call_id = "call_%s" % "".join(self.r.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(16))
            msgs.append({"role": "user", "content": "What's the weather in Paris?"})
            msgs.append({"role": "assistant", "content": None, "tool_calls": [{
                "id": call_id, "type": "function",
                "function": {"name": "get_weather", "arguments": json.dumps({"city": "Paris"})}}]})
            msgs.append({"role": "tool", "tool_call_id": call_id, "content": json.dumps({"temp_c": 14, "sky": "cloudy"})})
        content = self.r.choice(USER_PROMPTS)
        if long:
            content += "\n\n" + "\n".join(self.paragraph(non_ascii) for _ in range(self.r.randint(3, 30)))
        if self.r.random() < 0.15:
            msgs.append({"role": "user", "content": [
                {"type": "text", "text": content},
                {"type": "image_url", "image_url": {"url": "https://example.com/%s.png" % self.ident(), "detail": "low"}}]})
        else:
            msgs.append({"role": "user", "content": content})
        return msgs

    def tool_def(self, name):
        return {"type": "function", "function": {
            "name": name, "description": self.sentence(),
            "parameters": {"type": "object", "properties": {
                self.word(): {"type": "string", "description": self.sentence()},
                self.word(): {"type": "integer"}}, "required": []}}}

    def chat_body(self, non_ascii, long=False):
        with_tools = self.r.random() < 0.3
        body = {"model": self.r.choice(MODELS), "messages": self.chat_messages(non_ascii, with_tools, long)}
        if with_tools:
            body["tools"] = [self.tool_def(n) for n in self.r.sample(TOOL_NAMES, self.r.randint(1, 3))]
            if self.r.random() < 0.5:
                body["tool_choice"] = "auto"
        if self.r.random() < 0.4:
            body["max_tokens"] = self.r.choice([64, 256, 1024, 4096])
        if self.r.random() < 0.2:
            body["response_format"] = self.r.choice([
                {"type": "json_object"},
                {"type": "json_schema", "json_schema": {"name": "answer", "strict": True, "schema": {
                    "type": "object", "properties": {"answer": {"type": "string"}},
                    "required": ["answer"], "additionalProperties": False}}}])
        if self.r.random() < 0.1:
            body["n"] = self.r.choice([1, 2, 3])
        if self.r.random() < 0.15:
            body["seed"] = self.r.randint(1, 99999)
        if self.r.random() < 0.3:
            body["temperature"] = self.r.choice([0, 0.2, 0.7, 1])
        if self.r.random() < 0.1:
            body["stream"] = True
        return body

    def dump(self, obj, pretty):
        ensure_ascii = self.r.random() < 0.3
        if pretty:
            return json.dumps(obj, indent=self.r.choice([2, 2, 4]), ensure_ascii=ensure_ascii) + "\n"
        return json.dumps(obj, ensure_ascii=ensure_ascii, separators=self.r.choice([(",", ":"), (", ", ": ")]))

    def request_json(self, non_ascii):
        return self.dump(self.chat_body(non_ascii, long=self.r.random() < 0.3), pretty=self.r.random() < 0.85)

    def batch_jsonl(self, non_ascii):
        lines = []
        for i in range(self.r.randint(5, 50)):
            lines.append(self.dump({"custom_id": "request-%d" % (i + 1), "method": "POST",
                                    "url": "/v1/chat/completions",
                                    "body": self.chat_body(non_ascii, long=self.r.random() < 0.1)}, False))
        return "\n".join(lines) + "\n"

    def finetune_jsonl(self, non_ascii):
        lines = []
        for _ in range(self.r.randint(5, 50)):
            msgs = self.chat_messages(non_ascii)
            msgs.append({"role": "assistant", "content": self.r.choice(ASSISTANT_REPLIES)})
            if self.r.random() < 0.2:
                msgs[-1]["weight"] = 1
            lines.append(self.dump({"messages": msgs}, False))
        return "\n".join(lines) + "\n"

    def config_json(self, non_ascii):
        k = self.r.randint(0, 4)
        if k == 0:
            obj = {"name": "@acme/%s" % self.word(), "version": "%d.%d.%d" % (self.r.randint(0, 3), self.r.randint(0, 20), self.r.randint(0, 9)),
                   "private": True, "scripts": {v: "%s %s" % (self.word(), self.r.choice(VERBS)) for v in self.r.sample(VERBS, 4)},
                   "dependencies": {self.word() + "-" + self.word(): "^%d.%d.0" % (self.r.randint(1, 9), self.r.randint(0, 9)) for _ in range(self.r.randint(3, 15))}}
        elif k == 1:
            obj = {"compilerOptions": {"target": "ES2022", "module": "ESNext", "strict": True,
                                       "outDir": "dist", "paths": {"@/*": ["src/*"]}},
                   "include": ["src"], "exclude": ["node_modules", "dist"]}
        elif k == 2:
            # An i18n catalogue: mentions "messages" (triggers the prefilter) but is no request.
            obj = {"locale": self.r.choice(["en", "fr", "de", "ja"]),
                   "messages": {self.ident(): self.sentence(non_ascii) for _ in range(self.r.randint(5, 60))}}
        elif k == 3:
            obj = {"%s" % self.word(): {self.word(): self.number() for _ in range(self.r.randint(2, 8))} for _ in range(self.r.randint(3, 20))}
        else:
            obj = [{"id": i, "name": self.ident(), "tags": [self.word() for _ in range(3)], "score": self.r.random()}
                   for i in range(self.r.randint(5, 80))]
        return self.dump(obj, pretty=True)


TOP_DIRS = ["services", "packages", "apps", "libs", "tools", "docs", "scripts", "internal",
            "examples", "src", "platform", "web"]
DATA_DIRS = ["data", "fixtures", "requests", "batches", "datasets", "eval", "samples"]
# (kind, share): shares add up to 1.
CODE_EXTS = [(".py", 0.28), (".ts", 0.22), (".js", 0.14), (".tsx", 0.12), (".rs", 0.12), (".md", 0.12)]
CALL_EXTS = [(".py", 0.45), (".ts", 0.30), (".js", 0.15), (".tsx", 0.10)]
DATA_KINDS = [("request", ".json", 0.35), ("batch", ".jsonl", 0.20),
              ("finetune", ".jsonl", 0.20), ("config", ".json", 0.25)]


def weighted(r, pairs):
    x = r.random()
    acc = 0.0
    for item in pairs:
        acc += item[-1]
        if x < acc:
            return item
    return pairs[-1]


def plan(g, n, kinds):
    """Decide every file's kind, deterministically."""
    out = []
    for _ in range(n):
        x = g.r.random()
        if x < 0.70:
            out.append(("code",) + weighted(g.r, CODE_EXTS)[:1])
        elif x < 0.90:
            out.append(("call",) + weighted(g.r, CALL_EXTS)[:1])
        else:
            k, ext, _ = weighted(g.r, DATA_KINDS)
            out.append((k, ext))
    allowed = set(kinds)
    if "data" in allowed:
        allowed |= {"request", "batch", "finetune", "config"}
    return [p for p in out if p[0] in allowed]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=20000, help="how many files to write (default 20000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--out", required=True, help="output directory (replaced if it exists)")
    ap.add_argument("--kinds", default="code,call,data",
                    help="comma-separated subset of code,call,data (default: all); the share of "
                         "each kind stays the same, so --files counts the full mix")
    args = ap.parse_args(argv)

    kinds = [k.strip() for k in args.kinds.split(",") if k.strip()]
    for k in kinds:
        if k not in ("code", "call", "data"):
            ap.error("unknown kind %r" % k)

    out = os.path.abspath(args.out)
    if os.path.exists(out):
        shutil.rmtree(out)
    os.makedirs(out)

    g = Gen(args.seed)
    files = plan(g, args.files, kinds)

    # Directory pools, depth 2-5 below the root.
    def make_dirs(tops, count, lo=2, hi=5):
        seen = {}
        while len(seen) < count:
            depth = g.r.randint(lo, hi)
            parts = [g.r.choice(tops)] + [g.word() for _ in range(depth - 1)]
            seen.setdefault("/".join(parts), None)
        return list(seen)

    n_dirs = max(8, args.files // 30)
    code_dirs = make_dirs(TOP_DIRS, n_dirs)
    data_dirs = make_dirs(DATA_DIRS, max(4, n_dirs // 6))
    ignored_root = "generated"
    ignored_dirs = ["%s/%s" % (ignored_root, d) for d in make_dirs(["cache", "out"], 6, 1, 4)]

    with open(os.path.join(out, ".gitignore"), "w", encoding="utf-8", newline="") as fh:
        fh.write("# build output and caches\n/%s/\nnode_modules/\n*.log\n*.tmp\n__pycache__/\ntarget/\n" % ignored_root)

    used = set()
    stats = {}
    total_bytes = 0
    ignored_count = 0
    for i, (kind, ext) in enumerate(files):
        non_ascii = g.r.random() < 0.12
        crlf = g.r.random() < 0.06
        if kind == "code":
            text = g.code_file(ext, non_ascii, negative=g.r.random() < 0.03)
        elif kind == "call":
            text = g.call_file(ext, non_ascii)
        elif kind == "request":
            text = g.request_json(non_ascii)
        elif kind == "batch":
            text = g.batch_jsonl(non_ascii)
        elif kind == "finetune":
            text = g.finetune_jsonl(non_ascii)
        else:
            text = g.config_json(non_ascii)
        if crlf:
            text = text.replace("\n", "\r\n")

        if g.r.random() < 0.02:
            d = g.r.choice(ignored_dirs)
            ignored_count += 1
        elif kind in ("code", "call"):
            d = g.r.choice(code_dirs)
        else:
            d = g.r.choice(data_dirs if g.r.random() < 0.7 else code_dirs)
        if kind == "config" and g.r.random() < 0.3:
            base = g.r.choice(["package", "tsconfig", "settings", "manifest"])
        elif kind in ("request", "batch", "finetune"):
            base = "%s_%s" % ({"request": g.r.choice(["request", "chat", "prompt", "body"]),
                               "batch": g.r.choice(["batch", "batch_input", "jobs"]),
                               "finetune": g.r.choice(["train", "finetune", "valid"])}[kind], g.word())
        else:
            base = g.ident(g.r.randint(1, 2)) if ext != ".tsx" else g.camel(2, True)
        rel = "%s/%s%s" % (d, base, ext)
        n = 2
        while rel in used:
            rel = "%s/%s_%d%s" % (d, base, n, ext)
            n += 1
        used.add(rel)

        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode("utf-8")
        with open(path, "wb") as fh:
            fh.write(data)
        total_bytes += len(data)
        key = "%s%s" % (kind, ext)
        stats[key] = stats.get(key, 0) + 1

    print("wrote %d files (%.1f MB) to %s; %d under the ignored %s/" % (
        len(files), total_bytes / 1e6, out, ignored_count, ignored_root), file=sys.stderr)
    for key in sorted(stats):
        print("  %-16s %6d" % (key, stats[key]), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
