pub const RESPONSES: &str = "https://api.openai.com/v1/responses";
