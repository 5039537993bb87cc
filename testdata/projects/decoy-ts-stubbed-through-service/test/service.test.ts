import OpenAI from "openai";
import { expect, it, vi } from "vitest";
import { capital } from "../src/service";

// The test reaches the helper through the service: stubbing the SDK's chat method stubs the
// helper's client, and the fake answers in Chat Completions shapes.
it("answers", async () => {
  vi.spyOn(OpenAI.prototype.chat.completions, "create").mockResolvedValue({
    choices: [{ message: { content: "Paris" } }],
  } as never);
  expect(await capital("France")).toBe("Paris");
});
