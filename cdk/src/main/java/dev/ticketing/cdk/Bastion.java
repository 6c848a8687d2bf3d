package dev.ticketing.cdk;

import java.util.List;
import software.amazon.awscdk.services.ec2.AmazonLinux2023ImageSsmParameterProps;
import software.amazon.awscdk.services.ec2.AmazonLinuxCpuType;
import software.amazon.awscdk.services.ec2.BastionHostLinux;
import software.amazon.awscdk.services.ec2.BlockDevice;
import software.amazon.awscdk.services.ec2.BlockDeviceVolume;
import software.amazon.awscdk.services.ec2.CfnInstance;
import software.amazon.awscdk.services.ec2.EbsDeviceOptions;
import software.amazon.awscdk.services.ec2.EbsDeviceVolumeType;
import software.amazon.awscdk.services.ec2.InstanceClass;
import software.amazon.awscdk.services.ec2.InstanceSize;
import software.amazon.awscdk.services.ec2.InstanceType;
import software.amazon.awscdk.services.ec2.MachineImage;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.constructs.Construct;

/**
 * The operators' way in: a small instance in a private subnet, reached only through SSM Session
 * Manager (no SSH key, no inbound rule, no public address), from which MySQL and Redis are
 * reachable for port forwarding. It carries the mysql and redis command-line clients.
 */
public final class Bastion extends Construct {
  private final SecurityGroup securityGroup;
  private final BastionHostLinux host;

  public Bastion(Construct scope, String id, Network network) {
    super(scope, id);
    securityGroup =
        SecurityGroup.Builder.create(this, "Sg")
            .vpc(network.vpc())
            .description("Bastion: no inbound rules (SSM Session Manager only)")
            .allowAllOutbound(true)
            .build();
    host =
        BastionHostLinux.Builder.create(this, "Host")
            .vpc(network.vpc())
            .subnetSelection(network.appSubnets())
            .securityGroup(securityGroup)
            .instanceType(InstanceType.of(InstanceClass.BURSTABLE4_GRAVITON, InstanceSize.NANO))
            .machineImage(
                MachineImage.latestAmazonLinux2023(
                    AmazonLinux2023ImageSsmParameterProps.builder()
                        .cpuType(AmazonLinuxCpuType.ARM_64)
                        .build()))
            .requireImdsv2(true)
            .blockDevices(
                List.of(
                    BlockDevice.builder()
                        .deviceName("/dev/xvda")
                        .volume(
                            BlockDeviceVolume.ebs(
                                8,
                                EbsDeviceOptions.builder()
                                    .encrypted(true)
                                    .volumeType(EbsDeviceVolumeType.GP3)
                                    .build()))
                        .build()))
            .build();
    host.getInstance().getUserData().addCommands("dnf install -y mariadb105 redis6");
    ((CfnInstance) host.getInstance().getNode().getDefaultChild()).setMonitoring(true);
  }

  public SecurityGroup securityGroup() {
    return securityGroup;
  }

  public BastionHostLinux host() {
    return host;
  }
}
