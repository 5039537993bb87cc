import { expect, it, vi } from "vitest";
import { ask } from "../src/lib/llm";

// The fake client answers Chat Completions shapes: once `ask` calls `responses.create`,
// this test would call a method the fake does not have.
vi.mock("openai", () => ({
  default: class {
    chat = {
      completions: {
        create: vi.fn(async () => ({ choices: [{ message: { content: "Paris" } }] })),
      },
    };
  },
}));

it("asks", async () => {
  const r = await ask("Capital of France?");
  expect(r.choices[0].message.content).toBe("Paris");
});
