// Go to Delivery…'s quick pick: every loaded delivery the filters show, and, when the text
// typed can only be an id, an item that looks for it on the server. Part of the lazily
// loaded find UI (src/find/lazy.ts).
import * as vscode from 'vscode';
import type { ContainerNode } from '../tree/containerNode';
import type { Delivery } from '../model/delivery';
import { deliveryLabel } from '../tree/deliveryNode';
import { formatLatency, oneLine, relativeTime } from '../tree/format';
import { pickText } from '../model/safeText';
import { looksLikeId } from './ids';

interface DeliveryPick extends vscode.QuickPickItem {
  readonly container?: ContainerNode;
  readonly delivery?: Delivery;
  readonly id?: string;
}

export type PickedDelivery = { readonly kind: 'loaded'; readonly container: ContainerNode; readonly delivery: Delivery } | { readonly kind: 'id'; readonly id: string };

/** A loaded delivery over every given feed, or any id typed (then looked for on the server). */
export async function pickDelivery(containers: readonly ContainerNode[]): Promise<PickedDelivery | undefined> {
  const now = Date.now();
  const loaded: DeliveryPick[] = containers.flatMap((container) =>
    container.visibleDeliveries().map((delivery) => ({
      label: pickText(deliveryLabel(delivery)),
      description: [pickText(oneLine(container.container.name, 60)), relativeTime(delivery.time, now), formatLatency(delivery.latencyMs), pickText(delivery.id)].filter(Boolean).join(' · '),
      detail: pickText(oneLine(delivery.errorMessage ?? delivery.targetUrl ?? '', 200)),
      container,
      delivery,
      id: delivery.id,
    })),
  );
  const picker = vscode.window.createQuickPick<DeliveryPick>();
  picker.placeholder =
    loaded.length > 0
      ? vscode.l10n.t('Go to a loaded delivery by id, URL, status or error, or paste any delivery id')
      : vscode.l10n.t('Paste a delivery id (whe_… or whd_…) to find it on the server');
  picker.matchOnDescription = true;
  picker.matchOnDetail = true;
  picker.items = loaded;
  picker.onDidChangeValue((value) => {
    const id = value.trim();
    const isLoaded = loaded.some((item) => item.id === id);
    const search: DeliveryPick[] =
      looksLikeId(id) && !isLoaded
        ? [{ label: `$(search) ${vscode.l10n.t('Find {0} on the server', pickText(id))}`, description: vscode.l10n.t('jumps to it by the time in its id'), alwaysShow: true, id }]
        : [];
    picker.items = [...search, ...loaded];
  });
  const picked = await new Promise<DeliveryPick | undefined>((resolve) => {
    picker.onDidAccept(() => {
      resolve(picker.selectedItems[0]);
      picker.hide();
    });
    picker.onDidHide(() => resolve(undefined));
    picker.show();
  });
  picker.dispose();
  if (!picked?.id) {
    return undefined;
  }
  return picked.container && picked.delivery ? { kind: 'loaded', container: picked.container, delivery: picked.delivery } : { kind: 'id', id: picked.id };
}
