use async_openai::types::chat::{ChatCompletionRequestUserMessageArgs, CreateChatCompletionRequestArgs};
use async_openai::Client;

// CRLF line endings and tabs: kept, and new lines use them too.
async fn ask() -> Result<(), Box<dyn std::error::Error>> {
	let request = CreateChatCompletionRequestArgs::default()
		.model("gpt-5.5")
		.messages([ChatCompletionRequestUserMessageArgs::default()
			.content("caf\u{e9} à la carte")
			.build()?
			.into()])
		.build()?;
	let response = Client::new().chat().create(request).await?;
	println!("{:?}", response.choices[0].message.content);
	Ok(())
}
