/*
 * Copyright 2026 the containment4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package dev.containment4j.internal.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containment4j.ToolCall;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ToolCallJsonTest {
  private static final ObjectMapper M = new ObjectMapper();
  private static final Path DIR = Path.of("/w");

  private static ToolCallJson.Parsed parse(String json) throws Exception {
    return ToolCallJson.parse(M.readTree(json), DIR);
  }

  @Test
  void theHomeIsTheContextsThenTheProcessOwnWhenItHoldsTheWorkspaceThenTheWorkspaceOwners() throws Exception {
    Path own = Path.of("/root");
    String ctx = "{\"tool\":\"bash\",\"input\":{\"command\":\"ls\"},\"context\":";
    assertThat(parse(ctx + "{\"workspace\":\"/home/dev/proj\",\"home\":\"/srv/h\"}}").homeOr(own))
        .isEqualTo(Path.of("/srv/h"));
    // calls recorded on another machine: ~ is the home of the user whose tree holds the workspace
    assertThat(parse(ctx + "{\"workspaceRoot\":\"/home/dev/proj\"}}").homeOr(own)).isEqualTo(Path.of("/home/dev"));
    assertThat(parse(ctx + "{\"workspace\":\"/Users/ann/src/app\"}}").homeOr(own)).isEqualTo(Path.of("/Users/ann"));
    assertThat(parse(ctx + "{\"workspace\":\"/root/app\"}}").homeOr(own)).isEqualTo(own);
    assertThat(parse(ctx + "{\"workspace\":\"/srv/app\"}}").homeOr(own)).isEqualTo(own);
    assertThat(parse(ctx + "{\"workspace\":\"/home\"}}").homeOr(own)).isEqualTo(own);
  }

  @Test
  void mapsTheCliAndClaudeShapes() throws Exception {
    assertThat(parse("{\"tool\":\"bash\",\"input\":{\"command\":\"ls\"}}").call().command()).hasValue("ls");
    ToolCallJson.Parsed r = parse("{\"tool_name\":\"Read\",\"tool_input\":{\"file_path\":\"src/a\"},"
        + "\"context\":{\"cwd\":\"/p/sub\",\"workspace\":\"/p\",\"tainted\":true}}");
    assertThat(r.call().kind()).isEqualTo(ToolCall.Kind.READ);
    assertThat(r.call().path()).hasValue(Path.of("src/a"));
    assertThat(r.cwd()).isEqualTo(Path.of("/p/sub"));
    assertThat(r.workspace()).isEqualTo(Path.of("/p"));
    assertThat(r.tainted()).isTrue();
    assertThat(parse("{\"tool\":\"Edit\",\"input\":{\"file_path\":\"a\",\"old_string\":\"x\",\"new_string\":\"y\"}}")
        .call().oldText()).hasValue("x");
    assertThat(parse("{\"tool\":\"MultiEdit\",\"input\":{\"file_path\":\"a\",\"edits\":[{\"old_string\":\"x\","
        + "\"new_string\":\"y\"}]}}").call().kind()).isEqualTo(ToolCall.Kind.EDIT);
    assertThat(parse("{\"tool\":\"WebFetch\",\"input\":{\"url\":\"https://x.example\"}}").call().kind())
        .isEqualTo(ToolCall.Kind.FETCH);
    assertThat(parse("{\"tool\":\"write\",\"input\":{\"path\":\"a\",\"content\":\"c\"}}").call().content())
        .hasValue("c");
    assertThat(parse("{\"tool\":\"mcp__github__create_issue\",\"input\":{\"title\":\"t\"}}").call().server())
        .hasValue("github");
    assertThat(parse("{\"tool\":\"bash\",\"input\":{\"command\":\"ls\"}}").cwd()).isEqualTo(DIR);
  }

  @Test
  void codexPatchToolIsTheApplyPatchCommand() throws Exception {
    ToolCall c = parse("{\"tool\":\"apply_patch\",\"input\":{\"input\":\"*** Begin Patch\\n*** End Patch\"}}").call();
    assertThat(c.kind()).isEqualTo(ToolCall.Kind.COMMAND);
    assertThat(c.argv()).containsExactly("apply_patch", "*** Begin Patch\n*** End Patch");
  }

  @Test
  void searchAndListingToolsAreJudgedAsTheShellCommandTheyAmountTo() throws Exception {
    assertThat(parse("{\"tool\":\"Grep\",\"input\":{\"pattern\":\"BEGIN OPENSSH\",\"path\":\"~/.ssh\"}}").call()
        .command()).hasValue("grep -rn -e 'BEGIN OPENSSH' -- ~/.ssh");
    // a path is one quoted word, whatever it holds
    assertThat(parse("{\"tool\":\"Grep\",\"input\":{\"pattern\":\"x\",\"path\":\"a b; rm -rf ~\"}}").call()
        .command()).hasValue("grep -rn -e x -- 'a b; rm -rf ~'");
    assertThat(parse("{\"tool\":\"Glob\",\"input\":{\"pattern\":\"src/**/*.ts\"}}").call().command())
        .hasValue("find ./src -name '*.ts'");
    assertThat(parse("{\"tool\":\"Glob\",\"input\":{\"pattern\":\"/home/dev/.ssh/id_*\"}}").call().command())
        .hasValue("find /home/dev/.ssh -name 'id_*'");
    assertThat(parse("{\"tool\":\"LS\",\"input\":{\"path\":\"/home/dev/.aws\"}}").call().command())
        .hasValue("ls -la -- /home/dev/.aws");
    ToolCallJson.Parsed nb = parse("{\"tool\":\"NotebookEdit\",\"input\":{\"notebook_path\":\"a.ipynb\","
        + "\"new_source\":\"print(1)\"}}");
    assertThat(nb.call().kind()).isEqualTo(ToolCall.Kind.EDIT);
    assertThat(nb.call().path()).hasValue(Path.of("a.ipynb"));
  }

  @Test
  void otherAgentsNamesForTheSameToolsAreReadTheSameWay() throws Exception {
    ToolCallJson.Parsed view = parse("{\"tool\":\"str_replace_based_edit_tool\",\"input\":{\"command\":\"view\","
        + "\"path\":\"/home/dev/.netrc\"}}");
    assertThat(view.call().kind()).isEqualTo(ToolCall.Kind.READ);
    ToolCallJson.Parsed create = parse("{\"tool\":\"str_replace_editor\",\"input\":{\"command\":\"create\","
        + "\"path\":\"a.sh\",\"file_text\":\"echo hi\"}}");
    assertThat(create.call().kind()).isEqualTo(ToolCall.Kind.WRITE);
    assertThat(create.call().content()).hasValue("echo hi");
    ToolCallJson.Parsed replace = parse("{\"tool\":\"str_replace_based_edit_tool\",\"input\":{\"command\":"
        + "\"str_replace\",\"path\":\"a.py\",\"old_str\":\"x = 1\",\"new_str\":\"x = 2\"}}");
    assertThat(replace.call().kind()).isEqualTo(ToolCall.Kind.EDIT);
    assertThat(replace.call().oldText()).hasValue("x = 1");
    assertThat(parse("{\"tool\":\"run_terminal_cmd\",\"input\":{\"command\":\"npm test\"}}").call().command())
        .hasValue("npm test");
    assertThat(parse("{\"tool\":\"delete_file\",\"input\":{\"target_file\":\"src/a b.py\"}}").call().command())
        .hasValue("rm -- 'src/a b.py'");
    assertThatThrownBy(() -> parse("{\"tool\":\"str_replace_based_edit_tool\",\"input\":{\"command\":\"rm\","
        + "\"path\":\"a\"}}")).hasMessageContaining("unknown command");
  }

  @Test
  void explainsWhatIsWrong() {
    assertThatThrownBy(() -> parse("[1]")).hasMessageContaining("JSON object");
    assertThatThrownBy(() -> parse("{\"input\":{}}")).hasMessageContaining("no \"tool\"");
    assertThatThrownBy(() -> parse("{\"tool\":\"bash\",\"input\":{}}")).hasMessageContaining("input.command");
    assertThatThrownBy(() -> parse("{\"tool\":\"teleport\",\"input\":{}}")).hasMessageContaining("unknown tool");
    assertThatThrownBy(() -> parse("{\"tool\":\"read\",\"input\":{}}")).hasMessageContaining("input.path");
    assertThatThrownBy(() -> parse("{\"tool\":\"fetch\",\"input\":{\"url\":\"ht tp://x\"}}"))
        .hasMessageContaining("not a valid URL");
  }

  @Test
  void anArgumentVectorIsJudgedAsTheCommandItRuns() throws Exception {
    assertThat(parse("{\"tool\":\"bash\",\"input\":{\"command\":[\"rm\",\"-rf\",\"/\"]}}").call().command())
        .hasValue("rm -rf /");
    assertThat(parse("{\"tool\":\"bash\",\"input\":{\"command\":[\"bash\",\"-lc\",\"cat ~/.ssh/id_rsa\"]}}")
        .call().command()).hasValue("bash -lc 'cat ~/.ssh/id_rsa'");
  }

  @Test
  void fieldsOfTheWrongTypeAreErrorsNotTheirJsonSpelling() {
    assertThatThrownBy(() -> parse("{\"tool\":\"bash\",\"input\":{\"command\":{\"a\":1}}}"))
        .hasMessageContaining("\"command\" must be a string, not an object");
    assertThatThrownBy(() -> parse("{\"tool\":\"bash\",\"input\":{\"command\":123}}"))
        .hasMessageContaining("not a number");
    assertThatThrownBy(() -> parse("{\"tool\":\"bash\",\"input\":{\"command\":[\"rm\",1]}}"))
        .hasMessageContaining("strings only");
    assertThatThrownBy(() -> parse("{\"tool\":\"bash\",\"input\":{\"command\":[]}}"))
        .hasMessageContaining("empty argument array");
    assertThatThrownBy(() -> parse("{\"tool\":\"read\",\"input\":{\"path\":[\"/etc/passwd\"]}}"))
        .hasMessageContaining("must be a string");
    assertThatThrownBy(() -> parse("{\"tool\":\"bash\",\"input\":{\"command\":\"ls\"},\"context\":5}"))
        .hasMessageContaining("\"context\" must be an object");
    assertThatThrownBy(() -> parse("{\"tool\":\"bash\",\"input\":{\"command\":\"ls\"},"
        + "\"context\":{\"tainted\":\"yes\"}}")).hasMessageContaining("tainted must be true or false");
  }
}
