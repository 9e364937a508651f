package io.cuttle.enforce.linux;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the adapter knows of its table from its own transaction equals what reading it back gives. */
class NftViewTest {
  @Test
  void theViewOfWrittenEntriesIsTheViewOfTheListing() throws Exception {
    List<String> comments = List.of("app=web class=3 kinds=limit,mark", "app=bulk class=2 kinds=block");
    String listing = """
        {"nftables": [{"metainfo": {}}, {"set": {"family": "inet", "name": "apps", "table": "t", "type": "mark",
          "elem": [{"elem": {"val": 3, "comment": "app=web class=3 kinds=limit,mark"}},
                   {"elem": {"val": 2, "comment": "app=bulk class=2 kinds=block"}}]}}]}
        """;

    NftTable.View read = NftTable.parse(new ObjectMapper().readTree(listing));
    NftTable.View written = NftTable.ofEntries(comments);

    assertThat(written).isEqualTo(read);
    assertThat(written.classBySlug()).isEqualTo(Map.of("web", 3, "bulk", 2));
    assertThat(written.kindsBySlug()).isEqualTo(Map.of("web", Set.of("limit", "mark"), "bulk", Set.of("block")));
    assertThat(written.entries()).containsExactly("app=bulk class=2 kinds=block", "app=web class=3 kinds=limit,mark");
  }
}
