// The base of every tree node. Nodes are small classes that render themselves and load
// their own children; loading, errors, "set your key" and "load more" are nodes too.
import type * as vscode from 'vscode';

export abstract class TreeNode {
  /** Unique and stable across refreshes, so VS Code keeps expansion and selection. */
  abstract readonly id: string;

  constructor(readonly parent: TreeNode | undefined) {}

  abstract toTreeItem(): vscode.TreeItem;

  getChildren(): Promise<TreeNode[]> | TreeNode[] {
    return [];
  }
}
