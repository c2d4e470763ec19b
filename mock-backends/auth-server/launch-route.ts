/**
 * POST /launch: mints an EHR launch id for demos (what an EHR does before opening a SMART app,
 * SMART App Launch 2.2 "EHR Launch"). Body `{ "patient": "id", "encounter"?: "id",
 * "fhirContext"?: [...] }`; answers 201 `{ "launch": "…", "expires_in": seconds }`. Errors use
 * the OAuth error shape. Open to anyone who can reach the server: demo use only.
 */
import express from 'express';
import type { Router } from 'express';
import { z } from 'zod';
import type { LaunchContextStore } from './launch-context.js';

const fhirId = z.string().regex(/^[A-Za-z0-9.-]{1,64}$/);

const fhirContextItem = z
  .object({
    reference: z.string().min(1).optional(),
    canonical: z.string().min(1).optional(),
    type: z.string().min(1).optional(),
    role: z.string().min(1).optional(),
  })
  .refine((item) => item.reference !== undefined || item.canonical !== undefined, {
    message: 'each fhirContext item needs a reference or a canonical',
  });

/** The launch request body. */
export const launchRequestSchema = z.object({
  patient: fhirId,
  encounter: fhirId.optional(),
  fhirContext: z.array(fhirContextItem).max(20).optional(),
});

/** The POST /launch route. */
export function launchRouter(contexts: LaunchContextStore): Router {
  const router = express.Router();
  router.post('/launch', express.json({ limit: '16kb' }), (req, res) => {
    const parsed = launchRequestSchema.safeParse(req.body);
    if (!parsed.success) {
      const description = parsed.error.issues
        .map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`)
        .join('; ');
      res.status(400).json({ error: 'invalid_request', error_description: description });
      return;
    }
    const launch = contexts.createLaunch(parsed.data);
    res
      .status(201)
      .set('Cache-Control', 'no-store')
      .json({ launch, expires_in: contexts.launchTtl });
  });
  return router;
}
