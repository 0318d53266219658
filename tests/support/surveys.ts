/** A survey as the editor sends it: a 1-5 rating that branches, a yes/no, a number and a recorded answer. */
export const sampleSurvey = (over: Record<string, unknown> = {}) => ({
  name: `Survey ${Math.random().toString(36).slice(2, 8)}`,
  description: "After-call satisfaction",
  closing_audio: "custom/thanks",
  questions: [
    {
      type: "choice",
      text: "How satisfied are you, 1 to 5?",
      prompt_audio: "custom/q-rating",
      choices: ["1", "2", "3", "4", "5"].map((value) => ({ value, label: `${value} star${value === "1" ? "" : "s"}` })),
      branches: [{ answer: "1", goto: 4 }],
    },
    { type: "yes_no", text: "Would you recommend us?", prompt_audio: "custom/q-recommend", branches: [{ answer: "no", goto: 4 }] },
    { type: "number", text: "How many years have you been a customer?", prompt_audio: "custom/q-years", max_digits: 2, next: "end" },
    { type: "recording", text: "Tell us what went wrong", prompt_audio: "custom/q-why", max_record_sec: 3 },
  ],
  ...over,
});
