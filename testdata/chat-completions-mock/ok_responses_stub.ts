import OpenAI from "openai";
import { expect, it, vi } from "vitest";
import { summarize } from "../src/summarize";

const client = new OpenAI();

it("summarizes", async () => {
  vi.spyOn(client.responses, "create").mockResolvedValue({ output_text: "short" } as never);
  expect(await summarize(client, "long text")).toBe("short");
  // A fake whose `chat` is not the SDK's: an adapter with its own method names.
  const adapter = { chat: { completions: { list: vi.fn() } } };
  expect(adapter.chat.completions.list).not.toHaveBeenCalled();
});
