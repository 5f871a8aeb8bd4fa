import fs from 'node:fs/promises';
import path from 'node:path';
import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { RenderedFile } from '@k8s-kafka/plugin-kafka-clusters-node';

/**
 * The absolute folder `targetPath` names in the workspace, refused (as an InputError naming
 * targetPath) when it leaves the workspace or when something is already there.
 */
export async function targetFolder(
  workspacePath: string,
  targetPath: string,
): Promise<string> {
  let folder: string;
  try {
    if (path.isAbsolute(targetPath) || targetPath.trim() === '')
      throw new Error();
    folder = resolveSafeChildPath(workspacePath, targetPath);
  } catch {
    throw new InputError(
      `targetPath '${targetPath}' is not a folder inside the workspace`,
    );
  }
  if (folder === path.resolve(workspacePath)) {
    throw new InputError(
      `targetPath '${targetPath}' is the workspace itself; name a folder in it`,
    );
  }
  const stat = await fs.lstat(folder).catch(() => undefined);
  if (stat && !stat.isDirectory()) {
    throw new InputError(
      `targetPath '${targetPath}' is an existing file in the workspace; choose another targetPath`,
    );
  }
  if (stat && (await fs.readdir(folder)).length > 0) {
    throw new InputError(
      `targetPath '${targetPath}' already exists in the workspace and is not empty; choose another targetPath`,
    );
  }
  return folder;
}

/** Writes the rendered files into the folder (which targetFolder checked). */
export async function writeFiles(
  folder: string,
  files: RenderedFile[],
): Promise<void> {
  await fs.mkdir(folder, { recursive: true });
  for (const file of files) {
    await fs.writeFile(path.join(folder, file.path), file.content, {
      encoding: 'utf8',
      flag: 'wx',
    });
  }
}
