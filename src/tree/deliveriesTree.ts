// The sidebar tree's data provider. It holds no data of its own: nodes load their children.
import * as vscode from 'vscode';
import type { ApiKeyStore } from '../keys/apiKeyStore';
import { baseUrl } from '../config/settings';
import { ProviderNode, type TreeNode } from './nodes';

export class DeliveriesTreeProvider implements vscode.TreeDataProvider<TreeNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly keys: ApiKeyStore) {}

  getTreeItem(node: TreeNode): vscode.TreeItem {
    return node.toTreeItem();
  }

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (node) {
      return node.getChildren();
    }
    return Promise.all(
      (['handinger', 'cadenya'] as const).map((provider) =>
        new ProviderNode(provider, this.keys, () => baseUrl(provider)).load(),
      ),
    );
  }

  /** Re-renders one node, or the whole tree when none is given. */
  refresh(node?: TreeNode): void {
    this.changed.fire(node);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
