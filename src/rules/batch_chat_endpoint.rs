use super::flagged_sites::flag;
use super::{declare_rule, Context, Rule, RuleMeta};
use crate::diagnostic::Diagnostic;
use crate::model::{Hold, Unit};

declare_rule! {
    /// ## What it does
    /// Reports a Batch job created for the Chat Completions endpoint:
    /// `batches.create({ endpoint: "/v1/chat/completions", ... })` (Python
    /// `endpoint="/v1/chat/completions"`, async-openai `BatchEndpoint::V1ChatCompletions`),
    /// and Python code in a file of its own that reads such a batch's output
    /// (`json.loads(line)["response"]["body"]["choices"]`): it moves with the batch.
    ///
    /// ## Why migrate
    /// A batch's endpoint must match every line of its input file: each line names its `url`
    /// and carries a body for that endpoint. Switching the endpoint to `/v1/responses` alone
    /// sends Chat bodies to Responses, which rejects them; migrating the files alone makes
    /// the batch reject them. The input files (their `url` and `body`), the endpoint given to
    /// `batches.create`, and the code that reads the output file move to `/v1/responses`
    /// together.
    ///
    /// ## Example
    /// ```ts
    /// const batch = await client.batches.create({
    ///   input_file_id: file.id,
    ///   endpoint: "/v1/chat/completions",
    ///   completion_window: "24h",
    /// });
    /// ```
    ///
    /// ## Fix safety
    /// A Batch pipeline is one unit, in one file or spread over several. Written in one
    /// Python or TypeScript file (the dicts or objects it writes as lines, this call, and the
    /// `json.loads(line)["response"]["body"]` / `JSON.parse(line).response.body` readers of
    /// the output), the lines' findings
    /// (`chat-completions-request` and the rest) carry this `endpoint` in their fix. Spread
    /// over files, in a run over the repository, the call is the unit: the `.jsonl` files it
    /// uploads by a literal path (`open("data/batch.jsonl", "rb")`, `Path(__file__).parent /
    /// "batch.jsonl"`; in TypeScript `fs.createReadStream("data/batch.jsonl")`,
    /// `path.join(__dirname, "batch.jsonl")`), the modules that write the file it uploads
    /// (the same literal path: `open(PATH, "w")`, `fs.writeFileSync(PATH, ...)`), and the readers of the output in this module or the
    /// modules it imports (`JSON.parse(line).response.body.choices` in TypeScript) are found,
    /// and its `chat-completions-request` fix converts them all at once. When a piece is out of
    /// sight (a path computed at run time, a reader in a package the run does not hold, lines
    /// written to a file responsify cannot name, another reader of a Chat batch's output it
    /// cannot tie to a batch) or one line cannot be converted (`n: 5`), nothing is applied
    /// and the finding names the line or file. Without the repository in view (a file alone,
    /// stdin), this finding needs a person (a warning), and the `.jsonl` files' own fixes
    /// stay display-only.
    pub struct BatchChatEndpoint {
        name: "batch-chat-endpoint",
        summary: "Batch jobs created for `/v1/chat/completions`: move the endpoint and its files together",
    }
}

impl Rule for BatchChatEndpoint {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, unit: &Unit, _ctx: &Context, out: &mut Vec<Diagnostic>) {
        out.extend(flag(
            unit,
            Hold::BatchChatEndpoint,
            "migrate the batch's input files to `/v1/responses` bodies and set `endpoint` to `/v1/responses` in the same change; read the output as Responses results",
        ));
    }
}
