//! The rules: one file each, its documentation in its doc comment.
//!
//! Rules read only the neutral model. Every Chat Completions parameter is accounted for in
//! [`catalogue`]: mapped by a rule, flagged by a rule, or passed through on purpose.

pub mod catalogue;
mod flagged_sites;
mod helpers;
mod selection;

mod added_item_replay;
mod assistant_message;
mod assistant_tool_calls;
mod assistants_api;
mod async_openai_responses_feature;
mod async_openai_version;
mod audio_output;
mod azure_dated_api_version;
mod batch_chat_endpoint;
mod chat_completions_mock;
mod chat_completions_request;
mod chat_completions_url;
mod chat_only_model;
mod chat_type_annotation;
mod choices_read;
mod content_parts;
mod done_event_name;
mod first_output_item;
mod input_audio_part;
mod instructions_not_carried_over;
mod legacy_function_messages;
mod legacy_functions;
mod legacy_openai_sdk;
mod logit_bias;
mod logprobs;
mod max_output_tokens_minimum;
mod max_tokens;
mod message_name;
mod messages_to_input;
mod n_parameter;
mod penalty_parameters;
mod prediction_parameter;
mod previous_response_not_stored;
mod reasoning_effort;
mod reasoning_items_dropped;
mod recorded_chat_exchange;
mod reply_append;
mod response_format;
mod responses_twin;
mod retired_model;
mod run_tools;
mod sdk_without_responses;
mod seed_parameter;
mod stop_parameter;
mod store_default;
mod stored_completion_request;
mod stored_completions;
mod stream_options;
mod stream_read;
mod system_to_instructions;
mod text_format_wrapper;
mod third_party_endpoint;
mod tool_call_read;
mod tool_call_type;
mod tool_choice;
mod tool_definitions;
mod tool_message;
mod tool_output_call_id;
mod unknown_parameter;
mod unmapped_read;
mod unseen_uses;
mod unstored_reasoning_replay;
mod unused_suppression;
mod usage_read;
mod user_parameter;
mod verbosity;
mod web_search_options;

use crate::diagnostic::Diagnostic;
use crate::model::Unit;
use crate::settings::Settings;

/// What every rule declares about itself.
pub struct RuleMeta {
    /// Stable kebab-case name, used by `--select`, `--ignore` and `explain`.
    pub name: &'static str,
    /// One line for `responsify rules`.
    pub summary: &'static str,
    /// The doc comment of the rule's type, raw.
    doc: &'static str,
    /// Off unless selected by name: the rule proposes an optional change.
    pub opt_in: bool,
    /// Also reviews requests already sent to the Responses API, for the Chat Completions
    /// shapes left behind by a hand or agent migration (the same mapping, run backwards).
    pub reviews_responses: bool,
    /// What the rule's findings ask of the user, when it is not the shape's default (see
    /// [`DEFAULT_SEVERITY`]).
    pub severity: Option<&'static str>,
}

/// The text a rule declared, if any (`declare_rule!` passes zero or one).
pub const fn declared(text: &[&'static str]) -> Option<&'static str> {
    match text {
        [one] => Some(one),
        _ => None,
    }
}

/// The severities of a finding by its shape, for rules that declare nothing else.
pub const DEFAULT_SEVERITY: &str = "A finding with a fix is a **warning**: it fails the run \
     until the fix is applied. A finding that blocks its request until a person decides is an \
     **error**. A finding with neither is a note (**info**), which never fails a run.";

impl RuleMeta {
    /// The documentation as Markdown (the doc comment without its leading spaces).
    pub fn documentation(&self) -> String {
        let doc = self
            .doc
            .lines()
            .map(|l| l.strip_prefix(' ').unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n");
        format!(
            "{}\n\n## Severity\n{}\n",
            doc.trim_end(),
            self.severity.unwrap_or(DEFAULT_SEVERITY)
        )
    }
}

/// What a rule may look at besides the unit.
pub struct Context<'a> {
    pub settings: &'a Settings,
    /// The file's text (after any BOM), for the source of values a front end could not see
    /// into.
    pub source: &'a str,
    /// Every unit of the file, for rules about how requests relate (one conversation's turns).
    pub units: &'a [Unit],
}

impl Context<'_> {
    /// The source text of a value, when it came from the file.
    pub fn source_of(&self, value: &crate::model::Value) -> Option<&str> {
        value.span.and_then(|s| self.source.get(s.start..s.end))
    }
}

/// What a rule that looks at a whole file (not one request) may see.
pub struct FileContext<'a> {
    pub suppressions: &'a [crate::suppression::Suppression],
    /// Whether each suppression silenced a finding.
    pub used: &'a [bool],
}

pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Look at one unit that the classifier said to migrate: a Chat Completions request, or
    /// a Responses request when the rule `reviews_responses`.
    fn check(&self, unit: &Unit, ctx: &Context, out: &mut Vec<Diagnostic>);
    /// Look at the file as a whole, once, after every unit was checked.
    fn check_file(&self, _file: &FileContext, _out: &mut Vec<Diagnostic>) {}
}

/// Declare a rule type whose doc comment becomes its documentation.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $ty:ident {
            name: $name:literal,
            summary: $summary:literal $(,)?
            $(opt_in: $opt_in:literal $(,)?)?
            $(reviews_responses: $reviews:literal $(,)?)?
            $(severity: $severity:literal $(,)?)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $ty;

        impl $ty {
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                name: $name,
                summary: $summary,
                doc: concat!($($doc, "\n"),*),
                opt_in: false $(|| $opt_in)?,
                reviews_responses: false $(|| $reviews)?,
                severity: $crate::rules::declared(&[$($severity)?]),
            };
        }
    };
}
pub(crate) use declare_rule;

/// Every rule, in the order they are documented.
pub fn all() -> &'static [&'static dyn Rule] {
    &[
        &chat_completions_request::ChatCompletionsRequest,
        &messages_to_input::MessagesToInput,
        &content_parts::ContentParts,
        &assistant_message::AssistantMessage,
        &assistant_tool_calls::AssistantToolCalls,
        &tool_message::ToolMessage,
        &tool_output_call_id::ToolOutputCallId,
        &legacy_function_messages::LegacyFunctionMessages,
        &message_name::MessageName,
        &system_to_instructions::SystemToInstructions,
        &tool_definitions::ToolDefinitions,
        &legacy_functions::LegacyFunctions,
        &tool_choice::ToolChoice,
        &web_search_options::WebSearchOptions,
        &response_format::ResponseFormat,
        &text_format_wrapper::TextFormatWrapper,
        &verbosity::Verbosity,
        &reasoning_effort::ReasoningEffort,
        &logprobs::Logprobs,
        &max_tokens::MaxTokens,
        &max_output_tokens_minimum::MaxOutputTokensMinimum,
        &stream_options::StreamOptions,
        &store_default::StoreDefault,
        &instructions_not_carried_over::InstructionsNotCarriedOver,
        &previous_response_not_stored::PreviousResponseNotStored,
        &user_parameter::UserParameter,
        &n_parameter::NParameter,
        &stop_parameter::StopParameter,
        &seed_parameter::SeedParameter,
        &logit_bias::LogitBias,
        &penalty_parameters::PenaltyParameters,
        &audio_output::AudioOutput,
        &prediction_parameter::PredictionParameter,
        &input_audio_part::InputAudioPart,
        &unknown_parameter::UnknownParameter,
        &retired_model::RetiredModel,
        &choices_read::ChoicesRead,
        &tool_call_read::ToolCallRead,
        &tool_call_type::ToolCallType,
        &chat_type_annotation::ChatTypeAnnotation,
        &reply_append::ReplyAppend,
        &reasoning_items_dropped::ReasoningItemsDropped,
        &unstored_reasoning_replay::UnstoredReasoningReplay,
        &first_output_item::FirstOutputItem,
        &added_item_replay::AddedItemReplay,
        &usage_read::UsageRead,
        &stream_read::StreamRead,
        &done_event_name::DoneEventName,
        &unmapped_read::UnmappedRead,
        &unseen_uses::UnseenUses,
        &third_party_endpoint::ThirdPartyEndpoint,
        &responses_twin::ResponsesTwin,
        &azure_dated_api_version::AzureDatedApiVersion,
        &legacy_openai_sdk::LegacyOpenaiSdk,
        &sdk_without_responses::SdkWithoutResponses,
        &assistants_api::AssistantsApi,
        &chat_completions_url::ChatCompletionsUrl,
        &async_openai_version::AsyncOpenaiVersion,
        &async_openai_responses_feature::AsyncOpenaiResponsesFeature,
        &run_tools::RunTools,
        &stored_completions::StoredCompletions,
        &stored_completion_request::StoredCompletionRequest,
        &chat_only_model::ChatOnlyModel,
        &batch_chat_endpoint::BatchChatEndpoint,
        &chat_completions_mock::ChatCompletionsMock,
        &recorded_chat_exchange::RecordedChatExchange,
        &unused_suppression::UnusedSuppression,
    ]
}

pub fn by_name(name: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| r.meta().name == name)
}
