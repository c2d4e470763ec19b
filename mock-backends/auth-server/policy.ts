/**
 * Interaction policy: oidc-provider's default login and consent prompts, plus two checks that
 * make every authorization request show the user picker and the consent step. SMART launch
 * context belongs to one authorization (the user picks a member, an EHR hands a new `launch`),
 * so it must never be taken silently from an earlier session or grant.
 */
import { interactionPolicy } from 'oidc-provider';

const { Check, base } = interactionPolicy;

/** The default policy with the per-authorization login and consent checks added. */
export function buildInteractionPolicy(): interactionPolicy.DefaultPolicy {
  const policy = base();
  policy
    .get('login')
    ?.checks.add(
      new Check(
        'smart_pick_user',
        'the demo user is chosen for each authorization',
        'login_required',
        (ctx) => !ctx.oidc.result?.login,
      ),
    );
  policy
    .get('consent')
    ?.checks.add(
      new Check(
        'smart_launch_context',
        'scopes and launch context are confirmed for each authorization',
        'consent_required',
        (ctx) => !ctx.oidc.result?.consent,
      ),
    );
  return policy;
}
