package io.cuttle.daemon.state;

import static io.cuttle.daemon.fake.TestStates.office;
import static org.assertj.core.api.Assertions.assertThat;

import io.cuttle.daemon.fake.TestStates;
import io.cuttle.netstate.model.NetworkState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {
  @TempDir
  Path dir;

  @Test
  void roundTripKeepsLineageVersionAndContent() throws Exception {
    StateFile f = new StateFile(dir.resolve("nested"));
    NetworkState s = office().apply(TestStates.costUp()).apply(TestStates.backboneDown()).apply(TestStates.loads());

    f.write(s);

    assertThat(f.path()).isEqualTo(dir.resolve("nested/state.pb"));
    assertThat(f.load()).isEqualTo(new StateFileLoad.Loaded(f.path(), s));
    try (var files = Files.list(dir.resolve("nested"))) {
      assertThat(files).containsExactly(f.path());
    }
  }

  @Test
  void writeReplacesThePreviousState() throws Exception {
    StateFile f = new StateFile(dir);
    f.write(office());
    NetworkState next = office().apply(TestStates.costUp());

    f.write(next);

    assertThat(f.load().stateOr(null)).isEqualTo(next);
  }

  @Test
  void missingFileIsReportedAsMissing() {
    StateFile f = new StateFile(dir);

    assertThat(f.load()).isEqualTo(new StateFileLoad.Missing(dir.resolve("state.pb")));
  }

  @Test
  void garbageIsMovedAsideAndReportedCorrupt() throws Exception {
    StateFile f = new StateFile(dir);
    Files.write(f.path(), new byte[] {5, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});

    StateFileLoad load = f.load();

    assertThat(load).isInstanceOfSatisfying(StateFileLoad.Corrupt.class, c -> {
      assertThat(c.reason()).startsWith("not a cuttle.v1.Snapshot");
      assertThat(c.movedTo()).contains(dir.resolve("state.pb.corrupt"));
    });
    assertThat(f.path()).doesNotExist();
    assertThat(dir.resolve("state.pb.corrupt")).exists();
    assertThat(f.load()).isInstanceOf(StateFileLoad.Missing.class);
  }

  @Test
  void truncatedFileIsDetectedAtAnyCut() throws Exception {
    StateFile f = new StateFile(dir);
    f.write(office());
    byte[] full = Files.readAllBytes(f.path());

    for (int cut : new int[] {1, 2, full.length / 2, full.length - 1}) {
      Files.write(f.path(), Arrays.copyOf(full, cut));

      StateFileLoad load = f.load();

      assertThat(load).as("cut at %d of %d", cut, full.length)
          .isInstanceOfSatisfying(StateFileLoad.Corrupt.class, c -> assertThat(c.reason()).contains("truncated"));
    }
  }

  @Test
  void emptyFileAndTrailingBytesAreCorrupt() throws Exception {
    StateFile f = new StateFile(dir);
    Files.write(f.path(), new byte[0]);
    assertThat(f.load()).isInstanceOfSatisfying(StateFileLoad.Corrupt.class,
        c -> assertThat(c.reason()).contains("empty"));

    byte[] good = StateFile.encode(office());
    Files.write(f.path(), Arrays.copyOf(good, good.length + 3));
    int size = io.cuttle.netstate.wire.WireCodec.snapshot(office()).getSerializedSize();
    assertThat(f.load()).isInstanceOfSatisfying(StateFileLoad.Corrupt.class,
        c -> assertThat(c.reason()).startsWith("expected " + size + " bytes").contains("got " + (size + 3)));
  }

  @Test
  void decodableButInvalidStateIsCorrupt() throws Exception {
    StateFile f = new StateFile(dir);
    var broken = io.cuttle.netstate.wire.WireCodec.snapshot(office()).toBuilder().clearRouters().build();
    try (var out = Files.newOutputStream(f.path())) {
      broken.writeDelimitedTo(out);
    }

    assertThat(f.load()).isInstanceOfSatisfying(StateFileLoad.Corrupt.class,
        c -> assertThat(c.reason()).contains("invalid snapshot"));
  }

  @Test
  void unreadableFileIsLeftInPlace() throws Exception {
    StateFile f = new StateFile(dir);
    Files.createDirectory(f.path()); // a directory where the file should be: reading fails

    StateFileLoad load = f.load();

    assertThat(load).isInstanceOf(StateFileLoad.Unreadable.class);
    assertThat(f.path()).isDirectory();
  }
}
