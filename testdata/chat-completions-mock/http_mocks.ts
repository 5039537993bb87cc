// Tests that answer the Chat Completions URL with HTTP mocks (nock, msw, fetch-mock): stand-ins
// for the endpoint that change with the code they test. One note for the file.
import nock from "nock";
import fetchMock from "fetch-mock";
import { http, HttpResponse } from "msw";

export function mockWithNock() {
  nock("https://api.openai.com")
    .post("/v1/chat/completions")
    .reply(200, { choices: [{ message: { content: "hi" } }] });
}

export const handlers = [
  http.post("https://api.openai.com/v1/chat/completions", () =>
    HttpResponse.json({ choices: [{ message: { content: "hi" } }] }),
  ),
];

export function mockWithFetchMock() {
  fetchMock.post("https://api.openai.com/v1/chat/completions", { choices: [] });
}
