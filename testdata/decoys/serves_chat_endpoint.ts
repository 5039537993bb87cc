// An OpenAI-compatible server: it serves the Chat Completions path, it does not call it.
import express from "express";

const app = express();
app.post("/v1/chat/completions", async (req, res) => {
  res.json({ choices: [] });
});

export function kind(path: string): string {
  switch (path) {
    case "/v1/chat/completions":
      return "chat";
    default:
      return "other";
  }
}
