import { expect, it, vi } from "vitest";
import { ask, client } from "../src/llm";
import reply from "./fixtures/reply.json";

// The fake is a recorded Chat Completions reply: a person records a Responses one.
it("asks", async () => {
  vi.spyOn(client.chat.completions, "create").mockResolvedValue(reply as never);
  expect(await ask("Capital of France?")).toBe("Paris");
});
