import { ask, client } from "./llm";

// Vitest's globals (`globals: true`), declared here so that the project type-checks alone.
interface Spy {
  mockResolvedValue(value: unknown): Spy;
  mock: { calls: Record<string, unknown>[][] };
}
declare const vi: {
  spyOn<T extends object, K extends keyof T>(owner: T, method: K): Spy;
  restoreAllMocks(): void;
};
declare function expect(value: unknown): {
  toBe(expected: unknown): void;
  toHaveBeenCalledWith(...args: unknown[]): void;
  toHaveBeenCalledTimes(times: number): void;
};
declare function it(name: string, body: () => Promise<void>): void;
declare function afterEach(body: () => void): void;

afterEach(() => {
  vi.restoreAllMocks();
});

it("asks for the capital", async () => {
  const create = vi
    .spyOn(client.chat.completions, "create")
    .mockResolvedValue({ choices: [{ message: { content: "Paris" } }] });
  expect(await ask("Capital of France?")).toBe("Paris");
  expect(create).toHaveBeenCalledWith({
    model: "gpt-4o-mini",
    messages: [{ role: "user", content: "Capital of France?" }],
    max_tokens: 50,
  });
  expect(create).toHaveBeenCalledTimes(1);
  expect(create.mock.calls[0][0].max_tokens).toBe(50);
});
