import OpenAI from "openai";
import { beforeEach, expect, it, jest } from "@jest/globals";
import { summarize } from "../src/summarize";

const client = new OpenAI();

beforeEach(() => {
  jest.spyOn(client.chat.completions, "create").mockResolvedValue({
    choices: [{ message: { role: "assistant", content: "short" } }],
  } as never);
});

it("summarizes", async () => {
  expect(await summarize(client, "long text")).toBe("short");
  expect(client.chat.completions.create).toHaveBeenCalledWith(
    expect.objectContaining({ model: "gpt-4o-mini" }),
  );
});

it("uses a fake client", async () => {
  const fake = { chat: { completions: { create: jest.fn() } } };
  fake.chat.completions.create.mockReturnValue(Promise.resolve({ choices: [] }));
  await summarize(fake as unknown as OpenAI, "text");
});
