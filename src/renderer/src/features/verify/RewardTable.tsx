import type { RewardBreakdown } from "../../../../shared/contract/verify.js";

/** The reward and every component of it, with the formula as a tooltip. */
export function RewardTable({ reward }: { reward: RewardBreakdown }): React.JSX.Element {
  const n = (x: number): string => x.toFixed(2);
  return (
    <table className="cc-reward" data-testid="verify-reward" title={reward.formula}>
      <tbody>
        <tr>
          <th>Reward</th>
          <td>
            <strong>{n(reward.reward)}</strong>
            {reward.zeroReason ? <span className="cc-tag cc-tag-rejected">0: {reward.zeroReason}</span> : null}
          </td>
        </tr>
        <tr><th>Pass rate</th><td>{n(reward.passRate)} ({reward.passed} passed, {reward.failed} failed, {reward.errors} errors, {reward.skipped} skipped)</td></tr>
        <tr><th>Validation penalty</th><td>−{n(reward.validationPenalty)}</td></tr>
        <tr><th>Security penalty</th><td>−{n(reward.securityPenalty)}</td></tr>
        <tr><th>Fix bonus</th><td>+{n(reward.fixBonus)} ({reward.fixedTests} of {reward.previouslyFailing} previously failing now pass)</td></tr>
      </tbody>
    </table>
  );
}
