import { staffRecordPage } from "@/components/auth/require-role";
import { SurveyResultsView } from "@/components/surveys/survey-results";

export const metadata = { title: "Survey results" };
export default staffRecordPage((id) => <SurveyResultsView id={id} />);
