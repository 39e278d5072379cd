import { api } from '../../../api/client.js';
import type { ReturnTarget } from '../../../api/operation-types.js';
import { problemLines } from '../../../api/problem-lines.js';
import type { ListOf, Me, UserTask } from '../../../api/types.js';
import { h } from '../../../app/dom.js';
import { notify } from '../../../app/notify.js';
import { t } from '../../../i18n/index.js';
import { openCopyDialog } from './cc-dialog.js';
import { openDelegateDialog } from './delegate-dialog.js';
import { openReassignDialog } from './reassign-dialog.js';
import { openReturnDialog } from './return-dialog.js';
import { openSendBackDialog } from './send-back-dialog.js';
import { openSignerDialog } from './signer-dialog.js';
import { openSupplementDialog } from './supplement-dialog.js';
import { openTransferDialog } from './transfer-dialog.js';
import { openUrgeDialog } from './urge-dialog.js';
import { openWithdrawDialog } from './withdraw-dialog.js';
import { postTaskOperation } from './post-operation.js';

interface Operation {
  id: string;
  label: string;
  /** The success message; a function when it names what the server decided (the unit 分拨 chose). */
  done: string | (() => string);
  offered: boolean;
  open: () => Promise<boolean>;
}

/**
 * 操作: the 办理操作 the signed-in user may do on this task, each behind a Chinese dialog. What is
 * offered follows the server's own rule (mayWork: assignee, candidate user or post holder); the
 * server still decides, and a refusal is shown in the dialog.
 */
export function operationsBar(task: UserTask, me: Me, onDone: () => Promise<void>): HTMLElement | null {
  const open = task.state === 'created';
  const works = open && task.mayWork !== false;
  const mine = task.assignee === me.id;
  const staff = me.roles.some((role) => role === 'staff' || role === 'supervisor' || role === 'admin');
  const dispatchedHere = !!task.case?.department && !!task.department && task.case.department !== task.department;
  // 分拨: the 12345 派单 step sends the ticket to the handling unit its dispatch rule names.
  const dispatching = !!task.candidateGroups?.includes('热线派单');
  let dispatchedTo = '';
  const operations: Operation[] = [
    { id: 'dispatch', label: t('Dispatch by the rules (分拨)'), done: () => t('Dispatched to {unit}', { unit: dispatchedTo }), offered: works && dispatching, open: async () => {
      const outcome = (await postTaskOperation(task.id, 'dispatch', {})) as { dispatch: { unitName: string | null; unit: string | null } };
      dispatchedTo = outcome.dispatch.unitName ?? t('the command centre');
      return true;
    } },
    { id: 'return', label: t('Send back (退回)'), done: t('Sent back'), offered: works, open: () => openReturnDialog(task) },
    { id: 'supplement', label: t('Supplement (补正)'), done: t('The applicant is asked to supplement'), offered: works, open: () => openSupplementDialog(task) },
    { id: 'transfer', label: t('Hand over (转办)'), done: t('Handed over'), offered: works, open: () => openTransferDialog(task, me) },
    { id: 'reassign', label: t('Reassign (改派)'), done: t('Reassigned'), offered: works, open: () => openReassignDialog(task) },
    { id: 'send-back', label: t('Return to dispatcher (退单)'), done: t('Returned to the dispatcher'), offered: works && dispatchedHere, open: () => openSendBackDialog(task) },
    { id: 'signer', label: t('Add signer (加签)'), done: t('Signer added'), offered: works, open: () => openSignerDialog(task, me) },
    { id: 'delegate', label: t('Delegate (委托)'), done: t('Delegated'), offered: works && mine, open: () => openDelegateDialog(task, me) },
    { id: 'urge', label: t('Urge (催办)'), done: t('Urged'), offered: open && staff && !mine && (!!task.assignee || task.mayWork === false), open: () => openUrgeDialog(task) },
    { id: 'cc', label: t('Copy to (抄送)'), done: t('Copied'), offered: staff, open: () => openCopyDialog(task, me) },
    { id: 'withdraw', label: t('Take back (撤回)'), done: t('Taken back'), offered: task.state === 'completed' && task.completedBy === me.id, open: () => openWithdrawDialog(task) },
  ];
  const offered = operations.filter((operation) => operation.offered);
  if (!offered.length) return null;
  const bar = h('div', { class: 'operations-bar', id: 'operations-bar', role: 'toolbar', 'aria-label': t('Operations') },
    h('span', { class: 'label' }, t('Operations')),
    offered.map((operation) =>
      h('button', {
        type: 'button',
        id: `op-${operation.id}`,
        onclick: async () => {
          try {
            if (!(await operation.open())) return;
          } catch (error) {
            notify(problemLines(error).join('；'), 'error');
            return;
          }
          notify(typeof operation.done === 'function' ? operation.done() : operation.done, 'success');
          await onDone();
        },
      }, operation.label),
    ),
  );
  // 退回 only where the case passed a step it may go back to (not on the first step).
  if (works) {
    void api<ListOf<ReturnTarget>>(`/user-tasks/${encodeURIComponent(task.id)}/return-targets`)
      .then((targets) => { if (!targets.items.length) bar.querySelector('#op-return')?.remove(); })
      .catch(() => undefined);
  }
  return bar;
}
