// A small helper that asks one question and returns the text; called several times.
import OpenAI from "openai";
const client = new OpenAI();
async function ask(question) {
    const response = await client.chat.completions.create({
        model: "gpt-4o-mini",
        messages: [{ role: "user", content: question }],
    });
    return response.choices[0].message.content ?? "";
}
for (const q of ["What is 2 + 2?", "Count from one to five."]) {
    console.log(`${q} -> ${await ask(q)}`);
}
