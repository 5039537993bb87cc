# The client is a parameter: responsify cannot see where it sends requests, so the fix is
# only displayed, never applied.
def summarize(client, text):
    reply = client.chat.completions.create(
        model="gpt-4o-mini",
        messages=[{"role": "user", "content": f"Summarize: {text}"}],
    )
    return reply.choices[0].message.content
