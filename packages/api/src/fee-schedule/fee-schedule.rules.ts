import { allow, type IRule } from "graphql-shield";
import { Permission } from "../permissions/permission.js";
import type { PermissionMap } from "../permissions/permission-map.js";
import { isTenantAdmin, permissionRule } from "../permissions/rules.js";

/**
 * Fee rules are read by those who configure, apply and analyse them — tenant admins, coordinators and analysts — never
 * by the public. Services check the tenant again (a foreign schedule reads as missing).
 */
export const readsFeeSchedules: IRule = permissionRule(Permission.ReadFeeSchedules);

export const feeSchedulePermissions: PermissionMap = {
  Query: { feeSchedules: readsFeeSchedules, feeSchedule: readsFeeSchedules, feePreview: readsFeeSchedules },
  Mutation: {
    createFeeSchedule: isTenantAdmin,
    updateFeeSchedule: isTenantAdmin,
    addFeeScheduleVersion: isTenantAdmin,
    withdrawFeeScheduleVersion: isTenantAdmin,
    setTenantDefaultFeeSchedule: isTenantAdmin,
    retireFeeSchedule: isTenantAdmin,
  },
  FeeSchedule: readsFeeSchedules,
  FeeScheduleVersion: readsFeeSchedules,
  FeeScheduleConnection: readsFeeSchedules,
  FeeCategoryRule: readsFeeSchedules,
  FeeRate: readsFeeSchedules,
  FeePreview: readsFeeSchedules,
  FeePreviewResult: readsFeeSchedules,
  FeeNotComputable: readsFeeSchedules,
  CreateFeeSchedulePayload: isTenantAdmin,
  UpdateFeeSchedulePayload: isTenantAdmin,
  AddFeeScheduleVersionPayload: isTenantAdmin,
  WithdrawFeeScheduleVersionPayload: isTenantAdmin,
  SetTenantDefaultFeeSchedulePayload: isTenantAdmin,
  RetireFeeSchedulePayload: isTenantAdmin,
  FeeScheduleNameTaken: isTenantAdmin,
  FeeScheduleInUse: isTenantAdmin,
  VersionInForce: isTenantAdmin,
  ValidityOverlap: isTenantAdmin,
  ValidityGap: isTenantAdmin,
  VersionNotWithdrawable: isTenantAdmin,
  // A value type without data of its own (fees, rates, the PBB in öre); every path to it is guarded by its parent.
  Money: allow,
};
