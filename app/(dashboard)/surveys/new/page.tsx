import { staffPage } from "@/components/auth/require-role";
import { SurveyEditor } from "@/components/surveys/survey-editor";

export const metadata = { title: "New survey" };
export default staffPage(() => (
  <div className="space-y-4">
    <h1 className="text-xl font-semibold">New survey</h1>
    <SurveyEditor />
  </div>
));
