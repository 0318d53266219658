import { staffPage } from "@/components/auth/require-role";
import { QueueManager } from "@/components/queues/queue-manager";

export const metadata = { title: "Queues" };
export default staffPage(() => <QueueManager />);
