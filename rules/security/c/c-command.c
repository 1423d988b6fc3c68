#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define TOOL "ls "
#define SHELL_ARG cmd
#ifdef _WIN32
#define EXECL _execl
#else
#define EXECL execl
#endif

void from_env(void)
{
    char cmd[100] = TOOL;
    char *dir = getenv("DIR");
    strncat(cmd, dir, sizeof(cmd) - strlen(cmd) - 1);
    /* ruleid: c-command */
    system(cmd);
}

void from_stdin(void)
{
    char cmd[100] = "ls ";
    size_t len = strlen(cmd);
    fgets(cmd + len, (int)(100 - len), stdin);
    /* ruleid: c-command */
    FILE *p = popen(cmd, "r");
    /* ruleid: c-command */
    EXECL("/bin/sh", "/bin/sh", "-c", SHELL_ARG, NULL);
}

int parameter(const char *host)
{
    char line[256];
    snprintf(line, sizeof line, "ping -c 1 %s", host);
    /* ruleid: c-command */
    return system(line);
}

void program(char *prog)
{
    char *args[] = {prog, "--version", NULL};
    /* ruleid: c-command */
    execv(prog, args);
    /* ruleid: c-command */
    _spawnl(_P_WAIT, prog, prog, NULL);
    /* ruleid: c-command */
    spawnvp(P_WAIT, prog, args);
}

void windows(wchar_t *wcmd, char *cmd)
{
    /* ruleid: c-command */
    _wsystem(wcmd);
    /* ruleid: c-command */
    _popen(cmd, "r");
    /* ruleid: c-command */
    _wpopen(wcmd, L"r");
    /* ruleid: c-command */
    _execl(cmd, cmd, NULL);
    /* ruleid: c-command */
    _wexeclp(wcmd, wcmd, NULL);
    /* ruleid: c-command */
    _wspawnl(_P_WAIT, wcmd, wcmd, NULL);
    /* ok: c-command */
    _wsystem(L"dir");
}

int gnu_style(const char *cmd)
{
    /* ruleid: c-command */
    return system (cmd);
}

void constants(void)
{
    char cmd[100] = TOOL;
    strcat(cmd, "*.*");
    /* ok: c-command */
    system(cmd);
    /* ok: c-command */
    system("make all");
    /* ok: c-command */
    EXECL("/bin/sh", "/bin/sh", "-c", SHELL_ARG, NULL);
    char *args[] = {"/usr/bin/git", "status", NULL};
    /* ok: c-command */
    execv("/usr/bin/git", args);
    char line[64];
    sprintf(line, "%s %s", TOOL, "-l");
    /* ok: c-command */
    popen(line, "r");
    /* ok: c-command */
    printf("system(%s)\n", cmd);
}
