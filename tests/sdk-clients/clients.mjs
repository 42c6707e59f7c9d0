// Drives the official client SDKs against a running Switchboard gateway and prints one JSON object with what each saw.
// Usage: node clients.mjs <client.case>...   (no arguments: every case), with SB_BASE_URL (the gateway root, no /v1),
// SB_KEY and SB_MODEL set (SB_EMBEDDING_MODEL for openai.embeddings). The xunit tests in
// tests/Switchboard.Server.Tests/Sdk start the gateway, run this once per upstream, and assert on each case's result.
// A case that throws yields {"error": ...} with the SDK's message and status, so the test shows what the SDK saw.
import OpenAI from "openai";
import Anthropic from "@anthropic-ai/sdk";
import { GoogleGenAI } from "@google/genai";
import { createOpenAI } from "@ai-sdk/openai";
import { createAnthropic } from "@ai-sdk/anthropic";
import { generateText, streamText, tool, stepCountIs } from "ai";
import { ChatOpenAI } from "@langchain/openai";
import { z } from "zod";

const base = process.env.SB_BASE_URL.replace(/\/$/, "");
const apiKey = process.env.SB_KEY;
const model = process.env.SB_MODEL ?? "demo";

const weatherParameters = {
  type: "object",
  properties: { city: { type: "string", description: "The city" } },
  required: ["city"],
};

const cases = {
  openai: {
    async chat() {
      const openai = new OpenAI({ baseURL: `${base}/v1`, apiKey });
      const answer = await openai.chat.completions.create({ model, messages: [{ role: "user", content: "Say hello" }] });
      return { text: answer.choices[0].message.content, finish: answer.choices[0].finish_reason, usage: answer.usage };
    },
    async chatStream() {
      const openai = new OpenAI({ baseURL: `${base}/v1`, apiKey });
      const stream = await openai.chat.completions.create({
        model, stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: "Say hello" }],
      });
      let text = "";
      let usage = null;
      let chunks = 0;
      for await (const chunk of stream) {
        chunks++;
        text += chunk.choices[0]?.delta?.content ?? "";
        usage = chunk.usage ?? usage;
      }
      return { text, usage, chunks };
    },
    async chatTools() {
      const openai = new OpenAI({ baseURL: `${base}/v1`, apiKey });
      const tools = [{ type: "function", function: { name: "get_weather", description: "Weather in a city", parameters: weatherParameters } }];
      const messages = [{ role: "user", content: "Weather in Paris?" }];
      const first = await openai.chat.completions.create({ model, messages, tools });
      const call = first.choices[0].message.tool_calls[0];
      messages.push(first.choices[0].message, { role: "tool", tool_call_id: call.id, content: "sunny, 21 C" });
      const second = await openai.chat.completions.create({ model, messages, tools });
      return { tool: call.function.name, arguments: JSON.parse(call.function.arguments), text: second.choices[0].message.content };
    },
    async embeddings() {
      // The SDK asks for base64 by default and decodes it into floats.
      const openai = new OpenAI({ baseURL: `${base}/v1`, apiKey });
      const embeddingModel = process.env.SB_EMBEDDING_MODEL ?? model;
      const answer = await openai.embeddings.create({ model: embeddingModel, input: "hello" });
      const floats = await openai.embeddings.create({ model: embeddingModel, input: "hello", encoding_format: "float" });
      return { length: answer.data[0].embedding.length, embedding: answer.data[0].embedding, floats: floats.data[0].embedding };
    },
    async responses() {
      const openai = new OpenAI({ baseURL: `${base}/v1`, apiKey });
      const answer = await openai.responses.create({ model, input: "Say hello", instructions: "Be brief." });
      return { id: answer.id, status: answer.status, text: answer.output_text, usage: answer.usage };
    },
    async responsesStream() {
      const openai = new OpenAI({ baseURL: `${base}/v1`, apiKey });
      const stream = await openai.responses.create({ model, input: "Say hello", stream: true });
      const types = [];
      let text = "";
      let completed = null;
      for await (const event of stream) {
        types.push(event.type);
        if (event.type === "response.output_text.delta") text += event.delta;
        if (event.type === "response.completed") completed = event.response;
      }
      return { types, text, status: completed?.status, usage: completed?.usage };
    },
    async responsesTools() {
      const openai = new OpenAI({ baseURL: `${base}/v1`, apiKey });
      const tools = [{ type: "function", name: "get_weather", description: "Weather in a city", parameters: weatherParameters, strict: false }];
      const first = await openai.responses.create({ model, input: "Weather in Paris?", tools });
      const call = first.output.find((item) => item.type === "function_call");
      const second = await openai.responses.create({
        model, tools, previous_response_id: first.id,
        input: [{ type: "function_call_output", call_id: call.call_id, output: "sunny, 21 C" }],
      });
      const fetched = await openai.responses.retrieve(second.id);
      const deleted = await openai.responses.delete(second.id);
      return { tool: call.name, arguments: JSON.parse(call.arguments), text: second.output_text, fetchedId: fetched.id, deleted: deleted ?? null };
    },
  },

  anthropic: {
    async messages() {
      const anthropic = new Anthropic({ baseURL: base, apiKey });
      const answer = await anthropic.messages.create({ model, max_tokens: 256, messages: [{ role: "user", content: "Say hello" }] });
      return { text: answer.content.filter((b) => b.type === "text").map((b) => b.text).join(""), stop: answer.stop_reason, usage: answer.usage };
    },
    async messagesStream() {
      const anthropic = new Anthropic({ baseURL: base, apiKey });
      const stream = anthropic.messages.stream({ model, max_tokens: 256, system: "Be brief.", messages: [{ role: "user", content: "Say hello" }] });
      const types = [];
      stream.on("streamEvent", (event) => types.push(event.type));
      const final = await stream.finalMessage();
      return { types, text: final.content.filter((b) => b.type === "text").map((b) => b.text).join(""), stop: final.stop_reason, usage: final.usage };
    },
    async messagesTools() {
      const anthropic = new Anthropic({ baseURL: base, apiKey });
      const tools = [{ name: "get_weather", description: "Weather in a city", input_schema: weatherParameters }];
      const messages = [{ role: "user", content: "Weather in Paris?" }];
      const first = await anthropic.messages.create({ model, max_tokens: 256, messages, tools });
      const call = first.content.find((b) => b.type === "tool_use");
      messages.push({ role: "assistant", content: first.content });
      messages.push({ role: "user", content: [{ type: "tool_result", tool_use_id: call.id, content: "sunny, 21 C" }] });
      const second = await anthropic.messages.stream({ model, max_tokens: 256, messages, tools }).finalMessage();
      return {
        tool: call.name, input: call.input, firstStop: first.stop_reason,
        text: second.content.filter((b) => b.type === "text").map((b) => b.text).join(""),
      };
    },
    async countTokens() {
      const anthropic = new Anthropic({ baseURL: base, apiKey });
      const count = await anthropic.messages.countTokens({ model, messages: [{ role: "user", content: "Say hello to everyone in the room" }] });
      return { inputTokens: count.input_tokens };
    },
    async models() {
      const anthropic = new Anthropic({ baseURL: base, apiKey });
      const ids = [];
      for await (const m of anthropic.models.list()) ids.push(m.id);
      return { ids };
    },
  },

  "ai-sdk": {
    async responses() {
      const openai = createOpenAI({ baseURL: `${base}/v1`, apiKey });
      const result = await generateText({ model: openai(model), prompt: "Say hello" });
      return { text: result.text, finish: result.finishReason, usage: result.usage };
    },
    async responsesStream() {
      const openai = createOpenAI({ baseURL: `${base}/v1`, apiKey });
      const result = streamText({ model: openai(model), prompt: "Say hello" });
      let text = "";
      for await (const part of result.textStream) text += part;
      return { text, finish: await result.finishReason, usage: await result.usage };
    },
    async responsesTools() {
      const openai = createOpenAI({ baseURL: `${base}/v1`, apiKey });
      return toolRoundTrip(openai(model));
    },
    async chat() {
      const openai = createOpenAI({ baseURL: `${base}/v1`, apiKey });
      const result = streamText({ model: openai.chat(model), prompt: "Say hello" });
      let text = "";
      for await (const part of result.textStream) text += part;
      return { text, finish: await result.finishReason, usage: await result.usage };
    },
    async anthropic() {
      const anthropic = createAnthropic({ baseURL: `${base}/v1`, apiKey });
      const result = streamText({ model: anthropic(model), prompt: "Say hello" });
      let text = "";
      for await (const part of result.textStream) text += part;
      return { text, finish: await result.finishReason, usage: await result.usage };
    },
    async anthropicTools() {
      const anthropic = createAnthropic({ baseURL: `${base}/v1`, apiKey });
      return toolRoundTrip(anthropic(model));
    },
  },

  genai: {
    async generate() {
      const ai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl: base } });
      const answer = await ai.models.generateContent({ model, contents: "Say hello" });
      return { text: answer.text, finish: answer.candidates?.[0]?.finishReason, usage: answer.usageMetadata };
    },
    async generateStream() {
      const ai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl: base } });
      const stream = await ai.models.generateContentStream({ model, contents: "Say hello" });
      let text = "";
      let usage = null;
      let finish = null;
      for await (const chunk of stream) {
        text += chunk.text ?? "";
        usage = chunk.usageMetadata ?? usage;
        finish = chunk.candidates?.[0]?.finishReason ?? finish;
      }
      return { text, usage, finish };
    },
    async generateTools() {
      const ai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl: base } });
      const config = { tools: [{ functionDeclarations: [{ name: "get_weather", description: "Weather in a city", parametersJsonSchema: weatherParameters }] }] };
      const contents = [{ role: "user", parts: [{ text: "Weather in Paris?" }] }];
      const first = await ai.models.generateContent({ model, contents, config });
      const call = first.functionCalls[0];
      contents.push(first.candidates[0].content);
      contents.push({ role: "user", parts: [{ functionResponse: { name: call.name, id: call.id, response: { result: "sunny, 21 C" } } }] });
      const second = await ai.models.generateContent({ model, contents, config });
      return { tool: call.name, args: call.args, text: second.text };
    },
    async countTokens() {
      const ai = new GoogleGenAI({ apiKey, httpOptions: { baseUrl: base } });
      const count = await ai.models.countTokens({ model, contents: "Say hello to everyone in the room" });
      return { totalTokens: count.totalTokens };
    },
  },

  langchain: {
    async invoke() {
      const chat = new ChatOpenAI({ model, apiKey, configuration: { baseURL: `${base}/v1` } });
      const answer = await chat.invoke("Say hello");
      return { text: answer.content, usage: answer.usage_metadata };
    },
    async stream() {
      const chat = new ChatOpenAI({ model, apiKey, configuration: { baseURL: `${base}/v1` }, streamUsage: true });
      let text = "";
      for await (const chunk of await chat.stream("Say hello")) text += chunk.content;
      return { text };
    },
    async tools() {
      const chat = new ChatOpenAI({ model, apiKey, configuration: { baseURL: `${base}/v1` } }).bindTools([
        { type: "function", function: { name: "get_weather", description: "Weather in a city", parameters: weatherParameters } },
      ]);
      const answer = await chat.invoke("Weather in Paris?");
      return { tool: answer.tool_calls[0]?.name, args: answer.tool_calls[0]?.args };
    },
  },
};

async function toolRoundTrip(languageModel) {
  const calls = [];
  const result = await generateText({
    model: languageModel,
    prompt: "Weather in Paris?",
    stopWhen: stepCountIs(2),
    tools: {
      get_weather: tool({
        description: "Weather in a city",
        inputSchema: z.object({ city: z.string() }),
        execute: async ({ city }) => {
          calls.push(city);
          return `sunny, 21 C in ${city}`;
        },
      }),
    },
  });
  return { calls, steps: result.steps.length, text: result.text };
}

const wanted = process.argv.length > 2
  ? process.argv.slice(2)
  : Object.entries(cases).flatMap(([client, byCase]) => Object.keys(byCase).map((kase) => `${client}.${kase}`));
const results = {};
for (const name of wanted) {
  const [client, kase] = name.split(".");
  const run = cases[client]?.[kase];
  try {
    if (!run) throw new Error(`unknown case ${name}`);
    results[name] = await run();
  } catch (error) {
    results[name] = { error: String(error?.message ?? error), status: error?.status ?? null, name: error?.name ?? null };
  }
}

// One marked line: SDKs print their own warnings to standard output too.
console.log("SB_RESULT " + JSON.stringify(results));
