// Output formats shared by the app's requests.
export const CITY_FORMAT = {
  type: "json_schema",
  json_schema: {
    name: "city",
    strict: true,
    schema: {
      type: "object",
      properties: { name: { type: "string" }, country: { type: "string" } },
      required: ["name", "country"],
      additionalProperties: false,
    },
  },
} as const;
