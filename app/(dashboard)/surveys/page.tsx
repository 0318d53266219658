import { staffPage } from "@/components/auth/require-role";
import { SurveysList } from "@/components/surveys/surveys-list";

export const metadata = { title: "Surveys" };
export default staffPage(() => <SurveysList />);
