import { z } from "zod";
import { pageQuery } from "../api/validation";

export const listAuditQuery = z.object({ entity_type: z.string().max(40).optional(), entity_id: z.string().max(40).optional(), ...pageQuery });
