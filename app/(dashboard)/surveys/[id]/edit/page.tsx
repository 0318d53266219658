import { staffRecordPage } from "@/components/auth/require-role";
import { EditSurvey } from "@/components/surveys/survey-editor";

export const metadata = { title: "Edit survey" };
export default staffRecordPage((id) => <EditSurvey id={id} />);
