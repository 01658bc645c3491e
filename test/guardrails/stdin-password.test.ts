import { describe, expect, it } from "vitest";
import { alnum } from "./fake-values.js";
import { reportedSecretValues } from "./reported-secrets.js";

// Passwords echoed into a command that reads them on standard input (stdin-password.ts).
const password = (seed: number) => `${alnum(5, seed)}!${alnum(4, seed + 40)}3`;

describe("a password echoed into a command that reads it", () => {
  const forms: [string, (secret: string) => string][] = [
    [
      "docker login --password-stdin",
      (secret) => `echo "${secret}" | docker login -u ci --password-stdin ghcr.io`,
    ],
    [
      "echo -n, podman",
      (secret) => `echo -n '${secret}' | podman login --username ci --password-stdin quay.io`,
    ],
    ["sudo -S", (secret) => `echo ${secret} | sudo -S apt-get update`],
    ["sudo -kS -u root", (secret) => `echo '${secret}' | sudo -kS -u root systemctl restart nginx`],
    ["passwd --stdin", (secret) => `echo "${secret}" | passwd --stdin deploy`],
    ["smbpasswd -s, typed twice", (secret) => `echo -e "${secret}\\n${secret}" | smbpasswd -s -a deploy`],
    ["a here-string", (secret) => `docker login -u ci --password-stdin registry.example.org <<< "${secret}"`],
    ["chpasswd's user:password", (secret) => `echo "deploy:${secret}" | sudo chpasswd`],
  ];
  it.each(forms.map(([name, form], index) => [name, form, password(index + 1)] as const))(
    "is reported, and only it: %s",
    (_name, form, secret) => {
      expect(reportedSecretValues(form(secret))).toEqual([secret]);
    },
  );
  it.each([
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell variable, on purpose
    'echo "${DOCKER_PASSWORD}" | docker login -u ci --password-stdin',
    'echo "$REGISTRY_TOKEN" | docker login -u ci --password-stdin',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a CI template reference, on purpose
    "echo ${{ secrets.GHCR_TOKEN }} | docker login ghcr.io -u ci --password-stdin",
    "cat ~/.docker-password | docker login -u ci --password-stdin",
    'echo "hello world" | grep hello',
    'echo "Kx7!mQ2vR9" | sudo tee /etc/motd',
    'echo "Kx7!mQ2vR9" | passwd deploy',
    "echo hello | chpasswd",
    'echo "deploy:$6$salt$hash" | chpasswd -e',
    'grep -c x file <<< "Kx7!mQ2vR9"',
  ])("is not: %j", (text) => {
    expect(reportedSecretValues(text)).toEqual([]);
  });
});
