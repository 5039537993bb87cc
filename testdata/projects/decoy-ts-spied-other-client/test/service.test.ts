import { expect, it, vi } from "vitest";
import { capital, client } from "../src/service";

// The spy is on the service's client, which the helper does not call: responsify cannot
// tie it to the helper's request, and leaves both as they are.
it("answers", async () => {
  vi.spyOn(client.chat.completions, "create").mockResolvedValue({
    choices: [{ message: { content: "Paris" } }],
  } as never);
  expect(await capital("France")).toBe("Paris");
});
