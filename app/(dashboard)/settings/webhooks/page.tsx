import { staffPage } from "@/components/auth/require-role";
import { WebhookManager } from "@/components/webhooks/webhook-manager";

export const metadata = { title: "Webhooks" };

export default staffPage(() => <WebhookManager />);
